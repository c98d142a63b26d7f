package org.oncopredict.efficacy.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.oncopredict.efficacy.catalogue.Eligibility;
import org.oncopredict.efficacy.catalogue.EligibilityEvaluator;
import org.oncopredict.efficacy.catalogue.Regimen;
import org.oncopredict.efficacy.catalogue.RegimenCatalogue;
import org.oncopredict.efficacy.features.FeatureEncoder;
import org.oncopredict.efficacy.features.FeatureVector;
import org.oncopredict.efficacy.mapping.PredictionProtoMapper;
import org.oncopredict.efficacy.model.OutcomeModel;
import org.oncopredict.efficacy.profiles.ProfileClient;
import org.oncopredict.efficacy.training.Interval;
import org.oncopredict.proto.efficacy.v1.CohortRegimenSummary;
import org.oncopredict.proto.efficacy.v1.PredictCohortResponse;
import org.oncopredict.proto.efficacy.v1.ProbabilityEstimate;
import org.oncopredict.proto.efficacy.v1.SurvivalEstimate;
import org.oncopredict.proto.efficacy.v1.SurvivalPoint;
import org.oncopredict.proto.profile.v1.CohortFilter;
import org.oncopredict.proto.profile.v1.PatientProfile;

/**
 * Predictions for a patient group: per regimen, the average predicted outcome over the group's eligible
 * patients. The interval is that of the group mean: the mean is computed for every bootstrap member and
 * the percentile interval taken over members (averaging per-patient bounds would not be an interval).
 */
@ApplicationScoped
public class CohortPredictionService {

    public static final int DEFAULT_MAX_PATIENTS = 1000;
    public static final int MAX_PATIENTS = 20_000;

    @Inject
    ProfileClient profiles;
    @Inject
    ModelStore models;
    @Inject
    RegimenCatalogue catalogue;
    @Inject
    PredictionService predictions;
    @Inject
    EligibilityEvaluator eligibility;
    @Inject
    FeatureEncoder encoder;

    public PredictCohortResponse predict(CohortFilter filter, List<String> regimenIds, OptionalLong version,
                                         int maxPatients, LocalDate asOf) {
        if (maxPatients < 0 || maxPatients > MAX_PATIENTS) {
            throw EfficacyException.invalid("max_patients", "must be between 0 (default " + DEFAULT_MAX_PATIENTS
                    + ") and " + MAX_PATIENTS + ", got " + maxPatients);
        }
        int limit = maxPatients == 0 ? DEFAULT_MAX_PATIENTS : maxPatients;
        ModelStore.Loaded loaded = models.load(version);
        OutcomeModel model = loaded.model();
        List<PatientProfile> group = new ArrayList<>();
        // One more than the limit tells whether the group was truncated.
        profiles.streamCohort(filter, false, limit + 1, group::add);
        boolean truncated = group.size() > limit;
        if (truncated) {
            group = group.subList(0, limit);
        }
        Map<String, Accumulator> byRegimen = new LinkedHashMap<>();
        for (PatientProfile profile : group) {
            FeatureVector x = encoder.encode(profile, asOf);
            List<Regimen> regimens = predictions.regimens(profile, regimenIds);
            List<Eligibility> eligibilities = eligibility.evaluate(profile, regimens, asOf);
            for (int i = 0; i < regimens.size(); i++) {
                Regimen regimen = regimens.get(i);
                Eligibility e = eligibilities.get(i);
                Accumulator a = byRegimen.computeIfAbsent(regimen.id(), id -> new Accumulator(regimen));
                if (!e.isEligible()) {
                    continue;
                }
                a.eligible++;
                a.add("response", model.memberProbabilities(true, x, regimen.id()));
                a.add("toxicity", model.memberProbabilities(false, x, regimen.id()));
                for (int month : PredictionProtoMapper.LANDMARK_MONTHS) {
                    a.add("pfs" + month, model.memberSurvival(true, x, regimen.id(), month));
                    a.add("os" + month, model.memberSurvival(false, x, regimen.id(), month));
                }
            }
        }
        double level = model.description().intervalLevel();
        PredictCohortResponse.Builder response = PredictCohortResponse.newBuilder()
                .setModel(PredictionProtoMapper.modelInfo(loaded.version(), model.description(), catalogue.version()))
                .setGroupSize(group.size()).setTruncated(truncated).setAsOfDate(asOf.toString());
        if (group.isEmpty()) {
            response.addWarnings("no patient matches the filter");
        }
        if (truncated) {
            response.addWarnings("the group was limited to the first " + limit + " patients");
        }
        for (Accumulator a : byRegimen.values()) {
            CohortRegimenSummary.Builder s = CohortRegimenSummary.newBuilder().setRegimenId(a.regimen.id())
                    .setRegimenName(a.regimen.name()).setEligiblePatients(a.eligible);
            a.interval("response", level).ifPresent(i -> s.setResponse(probability(i)));
            a.interval("toxicity", level).ifPresent(i -> s.setSevereToxicity(probability(i)));
            s.setProgressionFreeSurvival(survival(a, "pfs", level));
            s.setOverallSurvival(survival(a, "os", level));
            response.addRegimens(s);
        }
        return response.build();
    }

    private static ProbabilityEstimate probability(Interval i) {
        return PredictionProtoMapper.probability(i);
    }

    private static SurvivalEstimate survival(Accumulator a, String prefix, double level) {
        SurvivalEstimate.Builder b = SurvivalEstimate.newBuilder();
        for (int month : PredictionProtoMapper.LANDMARK_MONTHS) {
            a.interval(prefix + month, level).ifPresent(i -> b.addLandmarks(SurvivalPoint.newBuilder().setMonth(month)
                    .setSurvival(i.estimate()).setLower(i.lower()).setUpper(i.upper())));
        }
        return b.build();
    }

    /** Member-wise sums of one regimen's predictions over the group. */
    private static final class Accumulator {
        final Regimen regimen;
        int eligible;
        final Map<String, double[]> sums = new LinkedHashMap<>();
        final Map<String, Integer> counts = new LinkedHashMap<>();

        Accumulator(Regimen regimen) {
            this.regimen = regimen;
        }

        void add(String key, double[] members) {
            if (members == null) {
                return;
            }
            double[] sum = sums.computeIfAbsent(key, k -> new double[members.length]);
            for (int b = 0; b < members.length; b++) {
                sum[b] += members[b];
            }
            counts.merge(key, 1, Integer::sum);
        }

        java.util.Optional<Interval> interval(String key, double level) {
            double[] sum = sums.get(key);
            if (sum == null) {
                return java.util.Optional.empty();
            }
            int n = counts.get(key);
            double[] replicates = new double[sum.length - 1];
            for (int b = 1; b < sum.length; b++) {
                replicates[b - 1] = sum[b] / n;
            }
            return java.util.Optional.of(Interval.percentile(sum[0] / n, replicates, level).includingEstimate());
        }
    }
}
