package org.oncopredict.gateway.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.oncopredict.proto.efficacy.v1.Explanation;
import org.oncopredict.proto.efficacy.v1.FeatureContribution;
import org.oncopredict.proto.efficacy.v1.ModelInfo;
import org.oncopredict.proto.efficacy.v1.ProbabilityEstimate;
import org.oncopredict.proto.efficacy.v1.RegimenPrediction;
import org.oncopredict.proto.efficacy.v1.SurvivalPoint;

import static org.oncopredict.gateway.fhir.FhirCodes.*;

/**
 * Predictions as FHIR RiskAssessment resources, three per regimen: P(objective response), P(grade ≥ 3 toxicity) and
 * P(progression-free at 12 months) = S(12). Each has {@code prediction.probabilityDecimal} (the point estimate), the
 * 90 % interval in the extension {@value FhirCodes#EXT_INTERVAL} (sub-extensions low, high, level),
 * {@code qualitativeRisk} from {@code risk-probability} (below 0.05 negligible, below 0.20 low, below 0.50 moderate,
 * else high), the regimen in the extension {@value FhirCodes#EXT_REGIMEN}, its eligibility in
 * {@value FhirCodes#EXT_ELIGIBILITY}, the model version as a Device (in {@code performer} and {@code basis}), and a
 * note with the top explanation factors. Decision support, not a decision: the note says so.
 */
final class RiskAssessments {

    private RiskAssessments() {
    }

    static void add(ProfileToFhir.Builder b, Reference patient, Reference condition, ModelInfo model, String asOf,
                    List<RegimenPrediction> predictions) {
        Device device = new Device();
        device.addIdentifier().setSystem(MODEL_VERSION).setValue(Long.toString(model.getVersion()));
        device.addIdentifier().setSystem(MODEL_PROVENANCE).setValue(model.getProvenanceHash());
        device.addDeviceName().setName("OncoPredict efficacy model v" + model.getVersion())
                .setType(org.hl7.fhir.r4.model.Device.DeviceNameType.MODELNAME);
        device.addVersion().setValue(Long.toString(model.getVersion()));
        device.addNote().setText("Learner " + model.getLearner() + " / " + model.getBaseLearner() + ", feature schema "
                + model.getFeatureSchema() + ", trained " + model.getTrainedAt() + " on " + model.getTrainingCohortSize()
                + " patients, " + model.getBootstrapReplicates() + " bootstrap replicates, intervals at "
                + Math.round(model.getIntervalLevel() * 100) + " %, catalogue " + model.getCatalogueVersion());
        Reference deviceRef = b.add("model/" + model.getVersion(), device, null);
        for (RegimenPrediction p : predictions) {
            if (p.hasResponse()) {
                b.add("risk/" + p.getRegimenId() + "/response", risk(patient, condition, deviceRef, model, asOf, p,
                        "objective-response", "Objective response (RECIST CR or PR)", p.getResponse(), null,
                        p.getResponseExplanation()), null);
            }
            if (p.hasSevereToxicity()) {
                b.add("risk/" + p.getRegimenId() + "/toxicity", risk(patient, condition, deviceRef, model, asOf, p,
                        "severe-toxicity", "Grade >= 3 adverse event (CTCAE v5)", p.getSevereToxicity(), null,
                        p.getToxicityExplanation()), null);
            }
            SurvivalPoint pfs12 = pfs12(p);
            if (pfs12 != null) {
                b.add("risk/" + p.getRegimenId() + "/pfs12", risk(patient, condition, deviceRef, model, asOf, p,
                        "progression-free-12-months", "Progression-free at 12 months", ProbabilityEstimate.newBuilder()
                                .setProbability(pfs12.getSurvival()).setLower(pfs12.getLower())
                                .setUpper(pfs12.getUpper()).build(), 12.0, null), null);
            }
        }
    }

    static SurvivalPoint pfs12(RegimenPrediction p) {
        if (!p.hasProgressionFreeSurvival()) {
            return null;
        }
        return p.getProgressionFreeSurvival().getLandmarksList().stream().filter(l -> l.getMonth() == 12.0)
                .findFirst().orElse(null);
    }

    private static RiskAssessment risk(Reference patient, Reference condition, Reference device, ModelInfo model,
                                       String asOf, RegimenPrediction p, String outcome, String outcomeDisplay,
                                       ProbabilityEstimate e, Double months, Explanation explanation) {
        RiskAssessment r = new RiskAssessment().setStatus(RiskAssessment.RiskAssessmentStatus.FINAL);
        r.setSubject(patient.copy());
        if (condition != null) {
            r.setCondition(condition.copy());
        }
        r.setCode(new CodeableConcept(new Coding(CS_OUTCOME, outcome, outcomeDisplay))
                .setText("Predicted " + outcomeDisplay.toLowerCase(Locale.ROOT) + " with " + p.getRegimenName()));
        r.setMethod(new CodeableConcept().setText(model.getLearner() + " / " + model.getBaseLearner()
                + ", bootstrap percentile intervals"));
        if (!asOf.isEmpty()) {
            DateTimeType when = new DateTimeType();
            when.setValueAsString(asOf);
            r.setOccurrence(when);
        }
        r.setPerformer(device.copy());
        r.addBasis(device.copy());
        r.addExtension(new Extension(EXT_REGIMEN, new CodeableConcept(new Coding(REGIMEN, p.getRegimenId(),
                p.getRegimenName()))));
        String status = Enums.suffix(p.getEligibility().getStatus().name(), "ELIGIBILITY_STATUS_");
        if (status != null) {
            r.addExtension(new Extension(EXT_ELIGIBILITY, new Coding(CS_ELIGIBILITY, status,
                    status.toLowerCase(Locale.ROOT).replace('_', ' '))));
        }
        RiskAssessment.RiskAssessmentPredictionComponent pr = r.addPrediction();
        pr.setOutcome(new CodeableConcept(new Coding(CS_OUTCOME, outcome, outcomeDisplay)));
        pr.setProbability(new DecimalType(e.getProbability()));
        pr.setQualitativeRisk(qualitative(e.getProbability()));
        if (months != null) {
            pr.setWhen(new Range().setHigh(new Quantity().setValue(months).setUnit("months").setSystem(UCUM)
                    .setCode("mo")));
        }
        Extension interval = new Extension(EXT_INTERVAL);
        interval.addExtension(new Extension("low", new DecimalType(e.getLower())));
        interval.addExtension(new Extension("high", new DecimalType(e.getUpper())));
        interval.addExtension(new Extension("level", new DecimalType(model.getIntervalLevel())));
        pr.addExtension(interval);
        r.addNote().setText(note(p, e, explanation, model));
        return r;
    }

    static CodeableConcept qualitative(double p) {
        String code = p < 0.05 ? "negligible" : p < 0.20 ? "low" : p < 0.50 ? "moderate" : "high";
        return new CodeableConcept(new Coding(RISK_PROBABILITY, code, code.substring(0, 1).toUpperCase(Locale.ROOT)
                + code.substring(1) + " likelihood"));
    }

    private static String note(RegimenPrediction p, ProbabilityEstimate e, Explanation explanation, ModelInfo model) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%.0f %% (%.0f %% interval %.0f–%.0f %%). ", 100 * e.getProbability(),
                100 * model.getIntervalLevel(), 100 * e.getLower(), 100 * e.getUpper()));
        if (explanation != null && explanation.getContributionsCount() > 0) {
            List<String> factors = new ArrayList<>();
            for (FeatureContribution c : explanation.getContributionsList()) {
                factors.add(c.getLabel() + " " + c.getDisplayValue() + " ("
                        + String.format(Locale.ROOT, "%+.2f", c.getContribution()) + " logit)");
            }
            s.append("Top factors: ").append(String.join("; ", factors)).append(". ");
        }
        s.append("Comparable treated patients: ").append(p.getComparablePatients()).append("; support ")
                .append(p.getSupport().name().substring("SUPPORT_".length()).toLowerCase(Locale.ROOT)).append(". ");
        s.append("Decision support, not a decision.");
        return s.toString();
    }
}
