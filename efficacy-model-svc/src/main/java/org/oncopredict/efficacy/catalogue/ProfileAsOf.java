package org.oncopredict.efficacy.catalogue;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.LabType;
import org.oncopredict.proto.profile.v1.PatientProfileOrBuilder;
import org.oncopredict.proto.profile.v1.ReasonStopped;
import org.oncopredict.proto.profile.v1.TherapyLine;

/**
 * A patient profile seen as of a date, with no look-ahead:
 * <ul>
 *   <li>labs and ECOG: the latest assessment dated on or before {@code asOf};</li>
 *   <li>therapy history: lines started strictly before {@code asOf} (a line starting on that date is
 *       the one being decided); a line's undated outcome (toxicity) counts only once it is known by
 *       {@code asOf}, i.e. the line ended by then, or it is ongoing and the record is current (last
 *       contact on or before {@code asOf});</li>
 *   <li>biomarkers: from a molecular report dated on or before {@code asOf}.</li>
 * </ul>
 * Undated or unparseable entries cannot be placed in time and are ignored.
 */
final class ProfileAsOf {

    /**
     * A dated value from the profile.
     *
     * @param value   the value (lab in its unit, ECOG score, toxicity grade; 1 for a yes/no fact)
     * @param date    when it was measured or happened; null for the "none recorded" value 0
     * @param context what it refers to, for history values (e.g. "pembrolizumab, line 1"); empty for measurements
     */
    record Observation(double value, LocalDate date, String context) {
    }

    private final PatientProfileOrBuilder profile;
    private final LocalDate asOf;
    private final List<TherapyLine> priorLines;
    private final Map<Biomarker, BiomarkerFinding> biomarkers = new EnumMap<>(Biomarker.class);

    ProfileAsOf(PatientProfileOrBuilder profile, LocalDate asOf) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.priorLines = profile.getHistory().getTherapyLinesList().stream()
                .filter(line -> IsoDates.date(line.getStartDate()).filter(start -> start.isBefore(asOf)).isPresent())
                .sorted(Comparator.comparingInt(TherapyLine::getLineNumber))
                .toList();
    }

    LocalDate asOf() {
        return asOf;
    }

    CancerType cancerType() {
        return profile.getCancer().getCancerType();
    }

    int priorLineCount() {
        return priorLines.size();
    }

    /** The line a treatment decided on {@code asOf} would be: one after the last line started before it. */
    int nextLineNumber() {
        int highest = priorLines.stream().mapToInt(TherapyLine::getLineNumber).max().orElse(0);
        return Math.max(highest, priorLines.size()) + 1;
    }

    /** The latest result of this lab dated on or before {@code asOf}, however old. */
    Optional<Observation> latestLab(LabType type) {
        Observation latest = null;
        for (var lab : profile.getHistory().getLabsList()) {
            if (lab.getType() != type) {
                continue;
            }
            Optional<LocalDate> date = IsoDates.date(lab.getDate());
            // Results are stored oldest first; ">=" keeps the later entry of a same-day pair.
            if (date.isPresent() && !date.get().isAfter(asOf)
                    && (latest == null || !date.get().isBefore(latest.date()))) {
                latest = new Observation(lab.getValue(), date.get(), "");
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The latest ECOG assessment dated on or before {@code asOf}, however old. */
    Optional<Observation> latestEcog() {
        Observation latest = null;
        for (var ecog : profile.getHistory().getEcogList()) {
            Optional<LocalDate> date = IsoDates.date(ecog.getDate());
            if (date.isPresent() && !date.get().isAfter(asOf)
                    && (latest == null || !date.get().isBefore(latest.date()))) {
                latest = new Observation(ecog.getScore(), date.get(), "");
            }
        }
        return Optional.ofNullable(latest);
    }

    /**
     * The worst grade of an immune-related toxicity on earlier lines whose outcome is known by
     * {@code asOf}: value 0 when there was none; empty when an immune-related toxicity was recorded
     * without a grade (unknown, not "none").
     */
    Optional<Observation> immuneRelatedToxicity() {
        Observation worst = new Observation(0, null, "no immune-related toxicity on earlier lines");
        for (TherapyLine line : priorLines) {
            Optional<LocalDate> knownOn = outcomeKnownOn(line);
            if (!line.getImmuneRelatedToxicity() || knownOn.isEmpty()) {
                continue;
            }
            if (!line.hasWorstToxicityGrade()) {
                return Optional.empty();
            }
            if (line.getWorstToxicityGrade() > worst.value()) {
                worst = new Observation(line.getWorstToxicityGrade(), knownOn.get(), describe(line));
            }
        }
        return Optional.of(worst);
    }

    /** The first earlier line of this regimen that progressed on or before {@code asOf}. */
    Optional<Observation> progressionOn(String regimenId) {
        for (TherapyLine line : priorLines) {
            if (!line.getRegimenId().equals(regimenId)) {
                continue;
            }
            Optional<LocalDate> progression = IsoDates.date(line.getProgressionDate());
            if (progression.isEmpty() && line.getReasonStopped() == ReasonStopped.REASON_STOPPED_PROGRESSION) {
                progression = IsoDates.date(line.getEndDate());
            }
            if (progression.isPresent() && !progression.get().isAfter(asOf)) {
                return Optional.of(new Observation(1, progression.get(), describe(line)));
            }
        }
        return Optional.empty();
    }

    BiomarkerFinding biomarker(Biomarker biomarker) {
        return biomarkers.computeIfAbsent(biomarker, b -> BiomarkerInterpreter.interpret(b, profile, asOf));
    }

    /** When a line's recorded outcome became known, if on or before {@code asOf}. */
    private Optional<LocalDate> outcomeKnownOn(TherapyLine line) {
        Optional<LocalDate> knownOn = line.getEndDate().isEmpty()
                ? IsoDates.date(profile.getFollowUp().getLastContactDate())
                : IsoDates.date(line.getEndDate());
        return knownOn.filter(d -> !d.isAfter(asOf));
    }

    private static String describe(TherapyLine line) {
        return line.getRegimenId() + ", line " + line.getLineNumber();
    }

}
