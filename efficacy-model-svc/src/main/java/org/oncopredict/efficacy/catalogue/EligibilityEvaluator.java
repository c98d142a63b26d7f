package org.oncopredict.efficacy.catalogue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.oncopredict.efficacy.catalogue.ProfileAsOf.Observation;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.PatientProfileOrBuilder;

/**
 * Decides, for a patient as of a date, whether each regimen is indicated and whether any
 * contraindication applies, with the reasons (decision support: the treating team decides).
 *
 * <p>Only data dated on or before {@code asOf} are used (see {@link ProfileAsOf}): the same call on a
 * profile with later data added gives the same answer. Missing or out-of-date data never pass
 * silently: a rule that cannot be checked yields a {@link ReasonCode#DATA_MISSING} caution, and an
 * unknown required biomarker makes the regimen {@link EligibilityStatus#NOT_INDICATED} with a
 * {@link ReasonCode#REQUIRED_BIOMARKER_UNKNOWN} reason.
 *
 * <p>Thread-safe and stateless apart from the immutable catalogue.
 */
@Singleton
public class EligibilityEvaluator {

    private static final Comparator<EligibilityReason> MOST_SEVERE_FIRST =
            Comparator.comparing(EligibilityReason::severity).reversed();

    private final Catalogue catalogue;

    @Inject
    public EligibilityEvaluator(RegimenCatalogue regimenCatalogue) {
        this(regimenCatalogue.catalogue());
    }

    public EligibilityEvaluator(Catalogue catalogue) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    }

    /** Eligibility of one regimen for the patient as of {@code asOf}. */
    public Eligibility evaluate(PatientProfileOrBuilder profile, Regimen regimen, LocalDate asOf) {
        Objects.requireNonNull(regimen, "regimen");
        return evaluate(new ProfileAsOf(profile, asOf), regimen);
    }

    /**
     * Eligibility of each of {@code regimens}, in that order; the patient is interpreted once for all
     * (biomarkers, latest labs), which dominates the cost when many regimens are evaluated.
     */
    public List<Eligibility> evaluate(PatientProfileOrBuilder profile, List<Regimen> regimens, LocalDate asOf) {
        ProfileAsOf patient = new ProfileAsOf(profile, asOf);
        return regimens.stream().map(r -> evaluate(patient, Objects.requireNonNull(r, "regimen"))).toList();
    }

    /**
     * Eligibility of every catalogued regimen of the patient's cancer type, ineligible ones included,
     * in catalogue order. Empty when the catalogue has no regimen for the cancer type (e.g. OTHER).
     */
    public List<Eligibility> evaluateAll(PatientProfileOrBuilder profile, LocalDate asOf) {
        ProfileAsOf patient = new ProfileAsOf(profile, asOf);
        return catalogue.forCancerType(patient.cancerType()).stream().map(r -> evaluate(patient, r)).toList();
    }

    private Eligibility evaluate(ProfileAsOf patient, Regimen regimen) {
        List<EligibilityReason> reasons = new ArrayList<>();
        int line = patient.nextLineNumber();
        Optional<Indication> indication = indication(patient, regimen, line, reasons);
        rules(patient, regimen, reasons);
        reasons.sort(MOST_SEVERE_FIRST);
        return new Eligibility(regimen, patient.asOf(), line, status(reasons), indication, reasons);
    }

    private static EligibilityStatus status(List<EligibilityReason> reasons) {
        Severity worst = reasons.stream().map(EligibilityReason::severity).max(Comparator.naturalOrder())
                .orElse(Severity.INFO);
        return switch (worst) {
            case CONTRAINDICATED -> EligibilityStatus.CONTRAINDICATED;
            case NOT_INDICATED -> EligibilityStatus.NOT_INDICATED;
            case CAUTION -> EligibilityStatus.ELIGIBLE_WITH_CAUTIONS;
            case INFO -> EligibilityStatus.ELIGIBLE;
        };
    }

    // --------------------------------------------------------------------------------- indications

    /**
     * The first indication (catalogue order) the patient meets, adding its INFO reason and cautions;
     * when none is met, the unmet criteria of every indication for the cancer type.
     */
    private static Optional<Indication> indication(ProfileAsOf patient, Regimen regimen, int line,
                                                   List<EligibilityReason> reasons) {
        CancerType type = patient.cancerType();
        List<Indication> candidates = regimen.indicationsFor(type);
        if (candidates.isEmpty()) {
            reasons.add(new EligibilityReason(ReasonCode.CANCER_TYPE_NOT_INDICATED, Severity.NOT_INDICATED,
                    regimen.name() + " has no catalogued indication for " + CancerTypes.label(type),
                    CancerTypes.shortName(type), null));
            return Optional.empty();
        }
        Set<EligibilityReason> unmetAcrossIndications = new LinkedHashSet<>();
        for (Indication indication : candidates) {
            List<EligibilityReason> unmet = new ArrayList<>();
            List<EligibilityReason> cautions = new ArrayList<>();
            if (!indication.lines().contains(line)) {
                unmet.add(new EligibilityReason(ReasonCode.LINE_NOT_INDICATED, Severity.NOT_INDICATED,
                        regimen.name() + " is indicated in line " + indication.lines() + " per " + indication.source()
                                + "; this would be line " + line,
                        "line " + line + " (" + patient.priorLineCount() + " earlier line(s) started before "
                                + patient.asOf() + ")", null));
            }
            List<String> evidence = new ArrayList<>();
            for (Biomarker required : indication.requires()) {
                BiomarkerFinding finding = patient.biomarker(required);
                switch (finding.status()) {
                    case POSITIVE -> evidence.add(finding.evidence());
                    case NEGATIVE -> unmet.add(new EligibilityReason(ReasonCode.REQUIRED_BIOMARKER_ABSENT,
                            Severity.NOT_INDICATED, required.label() + " not detected — required for "
                            + regimen.name() + " per " + indication.source(), finding.evidence(), null));
                    case UNKNOWN -> unmet.add(new EligibilityReason(ReasonCode.REQUIRED_BIOMARKER_UNKNOWN,
                            Severity.NOT_INDICATED, required.label() + " unknown — required for " + regimen.name()
                            + " per " + indication.source() + "; test before use", finding.evidence(), null));
                }
            }
            for (Biomarker excluded : indication.excludes()) {
                BiomarkerFinding finding = patient.biomarker(excluded);
                if (finding.status() == BiomarkerStatus.POSITIVE) {
                    unmet.add(new EligibilityReason(ReasonCode.EXCLUDING_BIOMARKER_PRESENT, Severity.NOT_INDICATED,
                            excluded.label() + " present — " + regimen.name() + " not indicated per "
                                    + indication.source(), finding.evidence(), null));
                } else if (finding.status() == BiomarkerStatus.UNKNOWN) {
                    cautions.add(new EligibilityReason(ReasonCode.EXCLUDING_BIOMARKER_UNKNOWN, Severity.CAUTION,
                            excluded.label() + " unknown — such patients were excluded from " + indication.source()
                                    + "; confirm before use", finding.evidence(), null));
                }
            }
            if (unmet.isEmpty()) {
                evidence.add(0, "line " + line);
                reasons.add(new EligibilityReason(ReasonCode.INDICATION_MET, Severity.INFO,
                        "indicated: " + indication.summary() + " — " + indication.source() + ", evidence level "
                                + indication.evidenceLevel(), String.join("; ", evidence), null));
                reasons.addAll(cautions);
                return Optional.of(indication);
            }
            unmetAcrossIndications.addAll(unmet);
        }
        reasons.addAll(unmetAcrossIndications);
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------- rules

    private void rules(ProfileAsOf patient, Regimen regimen, List<EligibilityReason> reasons) {
        // One DATA_MISSING caution per missing datum, naming every check it blocks.
        Map<String, MissingDatum> missing = new LinkedHashMap<>();
        for (ContraindicationRule rule : catalogue.rulesFor(regimen)) {
            switch (rule.field().kind()) {
                case LAB -> measured(rule, patient, patient.latestLab(rule.field().labType()), reasons, missing);
                case ECOG -> measured(rule, patient, patient.latestEcog(), reasons, missing);
                case IMMUNE_RELATED_TOXICITY_GRADE -> immuneToxicity(rule, patient, reasons, missing);
                case PROGRESSED_ON_SAME_REGIMEN -> patient.progressionOn(regimen.id()).ifPresent(progression ->
                        reasons.add(new EligibilityReason(ReasonCode.RULE_TRIGGERED, rule.severity(),
                                "progressed on " + progression.context() + " (" + progression.date() + "): "
                                        + rule.reason(),
                                "progression on " + progression.date() + " (" + progression.context() + ")",
                                rule.id())));
            }
        }
        missing.values().forEach(m -> reasons.add(m.toReason()));
    }

    /** A lab or ECOG rule: the latest value in the look-back window, else a missing-data caution. */
    private void measured(ContraindicationRule rule, ProfileAsOf patient, Optional<Observation> latest,
                          List<EligibilityReason> reasons, Map<String, MissingDatum> missing) {
        RuleField field = rule.field();
        String unit = field.displayUnit().isEmpty() ? "" : " " + field.displayUnit();
        LocalDate oldestAccepted = patient.asOf().minusDays(rule.lookbackDays());
        if (latest.isEmpty() || latest.get().date().isBefore(oldestAccepted)) {
            String patientValue = latest
                    .map(o -> "latest " + field.label() + " " + Format.number(o.value()) + unit + " on " + o.date()
                            + " is older than " + rule.lookbackDays() + " days")
                    .orElse("no " + field.label() + " on or before " + patient.asOf());
            missing.computeIfAbsent(field.code() + "/" + rule.lookbackDays(), k -> new MissingDatum(
                    "no " + field.label() + " on record in the last " + rule.lookbackDays() + " days", patientValue))
                    .add(rule);
            return;
        }
        Observation observation = latest.get();
        String shown = field.label() + " " + Format.number(observation.value()) + unit;
        double compared = observation.value();
        if (rule.relativeToUln()) {
            double uln = catalogue.upperLimitOfNormal(field.labType()).orElseThrow();
            compared = observation.value() / uln;
            shown += " = " + Format.multiple(compared) + " × ULN";
        }
        if (rule.operator().test(compared, rule.threshold())) {
            reasons.add(new EligibilityReason(ReasonCode.RULE_TRIGGERED, rule.severity(),
                    shown + " (" + observation.date() + ") " + rule.condition() + ": " + rule.reason(),
                    field.label() + " " + Format.number(observation.value()) + unit + " on " + observation.date(),
                    rule.id()));
        }
    }

    private static void immuneToxicity(ContraindicationRule rule, ProfileAsOf patient, List<EligibilityReason> reasons,
                                       Map<String, MissingDatum> missing) {
        Optional<Observation> worst = patient.immuneRelatedToxicity();
        if (worst.isEmpty()) {
            missing.computeIfAbsent(rule.field().code(), k -> new MissingDatum(
                    "an immune-related toxicity on an earlier line has no recorded grade",
                    "immune-related toxicity of unknown grade")).add(rule);
            return;
        }
        Observation observation = worst.get();
        if (rule.operator().test(observation.value(), rule.threshold())) {
            String grade = "immune-related toxicity grade " + Format.number(observation.value());
            reasons.add(new EligibilityReason(ReasonCode.RULE_TRIGGERED, rule.severity(),
                    grade + " on " + observation.context() + " (line ended or recorded by " + observation.date() + ") "
                            + rule.condition() + ": " + rule.reason(),
                    grade + " on " + observation.context(), rule.id()));
        }
    }

    /** Collects the rules blocked by one missing datum, so that it is reported once. */
    private static final class MissingDatum {
        private final String what;
        private final String patientValue;
        private final Set<String> topics = new LinkedHashSet<>();
        private final Set<String> ruleIds = new LinkedHashSet<>();

        MissingDatum(String what, String patientValue) {
            this.what = what;
            this.patientValue = patientValue;
        }

        void add(ContraindicationRule rule) {
            topics.add(rule.topic());
            ruleIds.add(rule.id());
        }

        EligibilityReason toReason() {
            return new EligibilityReason(ReasonCode.DATA_MISSING, Severity.CAUTION,
                    what + " — " + String.join(", ", topics) + " unverified", patientValue,
                    String.join(",", ruleIds));
        }
    }
}
