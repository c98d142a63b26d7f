package org.oncopredict.efficacy.mapping;

import java.util.List;
import java.util.Locale;

import org.oncopredict.efficacy.features.FeatureSchema;
import org.oncopredict.efficacy.features.FeatureSpec;
import org.oncopredict.efficacy.model.Explanation;
import org.oncopredict.efficacy.model.FeatureContribution;
import org.oncopredict.efficacy.model.Learner;
import org.oncopredict.efficacy.model.ModelDescription;
import org.oncopredict.efficacy.model.SurvivalPrediction;
import org.oncopredict.efficacy.registry.ModelState;
import org.oncopredict.efficacy.registry.ModelVersionSummary;
import org.oncopredict.efficacy.training.Interval;
import org.oncopredict.proto.efficacy.v1.BaseLearner;
import org.oncopredict.proto.efficacy.v1.ExplanationMethod;
import org.oncopredict.proto.efficacy.v1.ModelInfo;
import org.oncopredict.proto.efficacy.v1.ModelKind;
import org.oncopredict.proto.efficacy.v1.ModelVersion;
import org.oncopredict.proto.efficacy.v1.ProbabilityEstimate;
import org.oncopredict.proto.efficacy.v1.Support;
import org.oncopredict.proto.efficacy.v1.SurvivalEstimate;
import org.oncopredict.proto.efficacy.v1.SurvivalPoint;

/** Domain predictions and registry entries → {@code oncology.efficacy.v1} messages. */
public final class PredictionProtoMapper {

    /** Months reported as landmarks of every survival estimate. */
    public static final List<Integer> LANDMARK_MONTHS = List.of(6, 12, 24);

    private static final FeatureSchema SCHEMA = FeatureSchema.v1();

    private PredictionProtoMapper() {
    }

    public static ProbabilityEstimate probability(Interval interval) {
        return ProbabilityEstimate.newBuilder().setProbability(interval.estimate()).setLower(interval.lower())
                .setUpper(interval.upper()).build();
    }

    public static SurvivalEstimate survival(SurvivalPrediction prediction, boolean monthlyCurve) {
        SurvivalEstimate.Builder b = SurvivalEstimate.newBuilder().setHorizonMonths(prediction.horizonMonths());
        for (int month : LANDMARK_MONTHS) {
            b.addLandmarks(point(month, prediction.at(month)));
        }
        prediction.median().ifPresent(b::setMedianMonths);
        prediction.medianLower().ifPresent(b::setMedianLowerMonths);
        prediction.medianUpper().ifPresent(b::setMedianUpperMonths);
        if (monthlyCurve) {
            b.addMonthlyCurve(SurvivalPoint.newBuilder().setMonth(0).setSurvival(1).setLower(1).setUpper(1));
            for (int m = 1; m <= prediction.monthly().size(); m++) {
                b.addMonthlyCurve(point(m, prediction.at(m)));
            }
        }
        return b.build();
    }

    private static SurvivalPoint point(int month, Interval s) {
        return SurvivalPoint.newBuilder().setMonth(month).setSurvival(s.estimate()).setLower(s.lower())
                .setUpper(s.upper()).build();
    }

    public static org.oncopredict.proto.efficacy.v1.Explanation explanation(Explanation explanation, int topK) {
        org.oncopredict.proto.efficacy.v1.Explanation.Builder b = org.oncopredict.proto.efficacy.v1.Explanation.newBuilder()
                .setBaselineLogit(explanation.baselineLogit()).setLogit(explanation.logit())
                .setOtherContributions(explanation.rest(topK))
                .setOtherFeatures(Math.max(0, explanation.contributions().size() - topK))
                .setMethod(explanationMethod(explanation.method()));
        for (FeatureContribution c : explanation.top(topK)) {
            FeatureSpec spec = SCHEMA.spec(c.feature()).orElse(null);
            b.addContributions(org.oncopredict.proto.efficacy.v1.FeatureContribution.newBuilder()
                    .setFeature(c.feature()).setLabel(spec == null ? c.feature() : spec.description())
                    .setUnit(spec == null ? "" : spec.unit()).setValue(c.value())
                    .setDisplayValue(display(c.value(), spec) + (c.imputed() ? " (missing; default used)" : ""))
                    .setImputed(c.imputed()).setContribution(c.contribution()));
        }
        return b.build();
    }

    public static ExplanationMethod explanationMethod(String method) {
        return switch (method) {
            case Explanation.EXACT_LINEAR -> ExplanationMethod.EXPLANATION_METHOD_EXACT_LINEAR;
            case Explanation.TREE_SHAP -> ExplanationMethod.EXPLANATION_METHOD_TREE_SHAP;
            default -> ExplanationMethod.EXPLANATION_METHOD_UNSPECIFIED;
        };
    }

    /** The base learner of a model description ("LOGISTIC_SGD", "XGBOOST"); unknown names map to UNSPECIFIED. */
    public static BaseLearner baseLearner(String baseLearner) {
        if (baseLearner == null) {
            return BaseLearner.BASE_LEARNER_UNSPECIFIED;
        }
        return switch (baseLearner) {
            case "LOGISTIC_SGD" -> BaseLearner.BASE_LEARNER_LOGISTIC_SGD;
            case "XGBOOST" -> BaseLearner.BASE_LEARNER_XGBOOST;
            default -> BaseLearner.BASE_LEARNER_UNSPECIFIED;
        };
    }

    private static String display(double value, FeatureSpec spec) {
        if (spec != null && spec.unit().equals("0/1")) {
            return value == 1 ? "yes" : "no";
        }
        String number = value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
        return spec == null ? number : number + " " + spec.unit();
    }

    public static Support support(org.oncopredict.efficacy.model.Support support) {
        return switch (support) {
            case ADEQUATE -> Support.SUPPORT_ADEQUATE;
            case LOW_SUPPORT -> Support.SUPPORT_LOW;
            case OUT_OF_DISTRIBUTION -> Support.SUPPORT_OUT_OF_DISTRIBUTION;
        };
    }

    public static org.oncopredict.proto.efficacy.v1.Learner learner(Learner learner) {
        return switch (learner) {
            case S_LEARNER -> org.oncopredict.proto.efficacy.v1.Learner.LEARNER_S;
            case T_LEARNER -> org.oncopredict.proto.efficacy.v1.Learner.LEARNER_T;
        };
    }

    public static ModelKind kind(String kind) {
        return "RECALIBRATED".equals(kind) ? ModelKind.MODEL_KIND_RECALIBRATED : ModelKind.MODEL_KIND_TRAINED;
    }

    public static ModelInfo modelInfo(ModelVersionSummary version, ModelDescription description, String catalogueVersion) {
        return ModelInfo.newBuilder().setVersion(version.version()).setProvenanceHash(version.artifactSha256())
                .setFeatureSchema(description.featureSchema()).setLearner(learner(description.learner()))
                .setBaseLearner(baseLearner(description.baseLearner())).setTrainedAt(description.trainedAt().toString())
                .setTrainingCohortSize(description.trainingLines()).setBootstrapReplicates(description.bootstrapReplicates())
                .setIntervalLevel(description.intervalLevel()).setCatalogueVersion(catalogueVersion)
                .setKind(kind(version.kind())).build();
    }

    public static ModelVersion modelVersion(ModelVersionSummary v) {
        ModelVersion.Builder b = ModelVersion.newBuilder().setVersion(v.version()).setState(state(v.state()))
                .setKind(kind(v.kind())).setCreatedAt(v.createdAt().toString()).setCreatedBy(v.createdBy())
                .setFeatureSchema(v.featureSchema()).setCohortHash(v.cohortHash()).setCohortSize(v.cohortSize())
                .setArtifactSha256(v.artifactSha256()).setProvenanceHash(v.artifactSha256());
        // The registry's learner column reads "<meta-learner>:<base learner>", e.g. "S_LEARNER:XGBOOST"
        // (versions registered before the base learner existed hold the meta-learner only: logistic).
        String[] learners = v.learner().split(":", 2);
        b.setBaseLearner(baseLearner(learners.length > 1 ? learners[1] : "LOGISTIC_SGD"));
        try {
            b.setLearner(learner(Learner.valueOf(learners[0])));
        } catch (IllegalArgumentException e) {
            // An unknown learner name stays LEARNER_UNSPECIFIED rather than failing the listing.
        }
        if (v.parentVersion() != null) {
            b.setParentVersion(v.parentVersion());
        }
        v.quality().auroc().ifPresent(b::setAuroc);
        v.quality().calibrationSlope().ifPresent(b::setCalibrationSlope);
        v.quality().cIndex().ifPresent(b::setCIndex);
        if (v.activatedAt() != null) {
            b.setActivatedAt(v.activatedAt().toString());
        }
        if (v.retiredAt() != null) {
            b.setRetiredAt(v.retiredAt().toString());
        }
        return b.build();
    }

    private static org.oncopredict.proto.efficacy.v1.ModelState state(ModelState state) {
        return switch (state) {
            case CANDIDATE -> org.oncopredict.proto.efficacy.v1.ModelState.MODEL_STATE_CANDIDATE;
            case ACTIVE -> org.oncopredict.proto.efficacy.v1.ModelState.MODEL_STATE_ACTIVE;
            case RETIRED -> org.oncopredict.proto.efficacy.v1.ModelState.MODEL_STATE_RETIRED;
        };
    }
}
