package org.oncopredict.profile.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/** Comorbidities, dated ECOG and labs, and therapy lines. */
public record History(
        List<@NotNull @Valid Comorbidity> comorbidities,
        List<@NotNull @Valid EcogAssessment> ecog,
        List<@NotNull @Valid LabResult> labs,
        List<@NotNull @Valid TherapyLine> therapyLines) {

    public History {
        comorbidities = comorbidities == null ? List.of() : List.copyOf(comorbidities);
        ecog = ecog == null ? List.of() : List.copyOf(ecog);
        labs = labs == null ? List.of() : List.copyOf(labs);
        therapyLines = therapyLines == null ? List.of() : List.copyOf(therapyLines);
    }

    public static History empty() {
        return new History(null, null, null, null);
    }

    /** With {@code lab} added, labs kept in date order. */
    public History withLab(LabResult lab) {
        return new History(comorbidities, ecog, inserted(labs, lab, Comparator.comparing(LabResult::date, NULLS_LAST)),
                therapyLines);
    }

    /** With {@code assessment} added, assessments kept in date order. */
    public History withEcog(EcogAssessment assessment) {
        return new History(comorbidities, inserted(ecog, assessment, Comparator.comparing(EcogAssessment::date, NULLS_LAST)),
                labs, therapyLines);
    }

    /** With {@code line} added, lines kept in line-number order. */
    public History withTherapyLine(TherapyLine line) {
        return new History(comorbidities, ecog, labs,
                inserted(therapyLines, line, Comparator.comparing(TherapyLine::lineNumber, Comparator.nullsLast(Comparator.naturalOrder()))));
    }

    /** With every therapy line replaced by {@code f(line)}. */
    public History mapTherapyLines(UnaryOperator<TherapyLine> f) {
        return new History(comorbidities, ecog, labs, therapyLines.stream().map(f).toList());
    }

    private static final Comparator<LocalDate> NULLS_LAST = Comparator.nullsLast(Comparator.naturalOrder());

    private static <T> List<T> inserted(List<T> items, T item, Comparator<T> order) {
        List<T> out = new ArrayList<>(items);
        out.add(item);
        out.sort(order); // stable: entries with equal keys keep their order
        return out;
    }
}
