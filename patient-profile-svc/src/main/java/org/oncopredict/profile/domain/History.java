package org.oncopredict.profile.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.List;

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
}
