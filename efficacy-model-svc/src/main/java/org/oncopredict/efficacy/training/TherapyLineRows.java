package org.oncopredict.efficacy.training;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.oncopredict.efficacy.catalogue.IsoDates;
import org.oncopredict.efficacy.features.FeatureEncoder;
import org.oncopredict.efficacy.features.FeatureSchema;
import org.oncopredict.proto.profile.v1.PatientProfileOrBuilder;
import org.oncopredict.proto.profile.v1.RecistResponse;
import org.oncopredict.proto.profile.v1.TherapyLine;

/**
 * Turns a patient's treatment history into training rows, one per therapy line: features from
 * {@link FeatureEncoder} as of the line's start, outcomes from the line and the follow-up.
 *
 * <ul>
 *   <li>Response: CR or PR → responder; SD, PD or not evaluable → non-responder (intention to treat);
 *       unspecified (not yet assessed) → unknown.</li>
 *   <li>Severe toxicity: worst CTCAE grade ≥ 3; unknown when no grade is recorded.</li>
 *   <li>PFS: event at the progression date, else at death; censored at the next line's start (a switch
 *       without documented progression) or at the last contact, whichever comes first.</li>
 *   <li>OS: event at death, else censored at the last contact.</li>
 * </ul>
 * Lines that cannot be used (no start date, no regimen, start after the last contact, unparseable
 * dates) are skipped and counted by reason, so a caller can report them.
 */
public final class TherapyLineRows {

    private final FeatureEncoder encoder;
    private final Map<String, Integer> skipped = new TreeMap<>();

    public TherapyLineRows(FeatureEncoder encoder) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    /** Skipped lines by reason so far (not thread-safe: one instance per extraction). */
    public Map<String, Integer> skipped() {
        return Map.copyOf(skipped);
    }

    public List<LineOutcome> rows(String patientKey, PatientProfileOrBuilder profile) {
        List<TherapyLine> lines = new ArrayList<>(profile.getHistory().getTherapyLinesList());
        lines.sort(Comparator.comparing(TherapyLine::getStartDate).thenComparing(TherapyLine::getLineNumber));
        Optional<LocalDate> death = profile.getFollowUp().getDeceased()
                ? IsoDates.date(profile.getFollowUp().getDeathDate()) : Optional.empty();
        Optional<LocalDate> lastContact = death.or(() -> IsoDates.date(profile.getFollowUp().getLastContactDate()));
        List<LineOutcome> rows = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            TherapyLine line = lines.get(i);
            Optional<LocalDate> start = IsoDates.date(line.getStartDate());
            if (start.isEmpty()) {
                skip("no or invalid start date");
                continue;
            }
            if (line.getRegimenId().isBlank()) {
                skip("no regimen");
                continue;
            }
            if (lastContact.isEmpty() || !lastContact.get().isAfter(start.get())) {
                skip("no follow-up after the line's start");
                continue;
            }
            LocalDate censor = lastContact.get();
            if (i + 1 < lines.size()) {
                Optional<LocalDate> next = IsoDates.date(lines.get(i + 1).getStartDate());
                if (next.isPresent() && next.get().isAfter(start.get()) && next.get().isBefore(censor)) {
                    censor = next.get();
                }
            }
            Optional<LocalDate> progression = IsoDates.date(line.getProgressionDate()).filter(d -> d.isAfter(start.get()));
            double pfs;
            boolean pfsEvent;
            if (progression.isPresent() && !progression.get().isAfter(lastContact.get())) {
                pfs = months(start.get(), progression.get());
                pfsEvent = true;
            } else if (death.isPresent() && !death.get().isAfter(censor)) {
                pfs = months(start.get(), death.get());
                pfsEvent = true;
            } else {
                pfs = months(start.get(), censor);
                pfsEvent = false;
            }
            double os = months(start.get(), lastContact.get());
            rows.add(new LineOutcome(patientKey, line.getLineNumber(), line.getRegimenId(),
                    profile.getCancer().getCancerType(), encoder.encode(profile, start.get()),
                    response(line.getBestResponse()),
                    line.hasWorstToxicityGrade() ? line.getWorstToxicityGrade() >= 3 : null,
                    Math.max(pfs, MIN_MONTHS), pfsEvent, Math.max(os, MIN_MONTHS), death.isPresent()));
        }
        return rows;
    }

    /** A same-day event still counts as follow-up: half a day, so that the first interval holds it. */
    private static final double MIN_MONTHS = 0.5 / FeatureSchema.DAYS_PER_MONTH;

    private static Boolean response(RecistResponse response) {
        return switch (response) {
            case RECIST_RESPONSE_CR, RECIST_RESPONSE_PR -> true;
            case RECIST_RESPONSE_SD, RECIST_RESPONSE_PD, RECIST_RESPONSE_NOT_EVALUABLE -> false;
            default -> null;
        };
    }

    private static double months(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) / FeatureSchema.DAYS_PER_MONTH;
    }

    private void skip(String reason) {
        skipped.merge(reason, 1, Integer::sum);
    }

}
