package org.oncopredict.efficacy.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;

import org.oncopredict.efficacy.evaluation.Auroc;
import org.oncopredict.efficacy.evaluation.ConcordanceIndex;
import org.oncopredict.efficacy.training.Interval;
import org.oncopredict.efficacy.training.LineOutcome;
import org.oncopredict.efficacy.training.PersonPeriodExpansion;

/**
 * Quality figures of an {@link OutcomeModel} on lines it was not fitted on: discrimination with 95%
 * bootstrap intervals, calibration and, per cancer type, response figures for the model card.
 */
public final class ModelEvaluation {

    /** Lines the C-index bootstrap resamples at most (see {@link #survival}). */
    static final int MAX_CONCORDANCE_BOOTSTRAP_LINES = 2000;

    private ModelEvaluation() {
    }

    public static EvaluationReport evaluate(OutcomeModel model, List<LineOutcome> lines, int bootstrap, long seed) {
        List<LineOutcome> covered = lines.stream().filter(row -> model.covers(row.regimenId())).toList();
        BinaryMetrics response = binary(covered, LineOutcome::response,
                row -> model.coversResponse(row.regimenId()) ? model.responseProbability(row.features(), row.regimenId())
                        : Double.NaN, bootstrap, seed);
        BinaryMetrics toxicity = binary(covered, LineOutcome::severeToxicity,
                row -> model.coversToxicity(row.regimenId()) ? model.toxicityProbability(row.features(), row.regimenId())
                        : Double.NaN, bootstrap, seed);
        SurvivalMetrics pfs = survival(covered, true,
                row -> model.progressionFreeCurve(row.features(), row.regimenId(), 12).orElse(null), bootstrap, seed);
        SurvivalMetrics os = survival(covered, false,
                row -> model.overallCurve(row.features(), row.regimenId(), 12).orElse(null), bootstrap, seed);
        return new EvaluationReport(response, toxicity, pfs, os, subgroups(model, covered));
    }

    static BinaryMetrics binary(List<LineOutcome> lines, Function<LineOutcome, Boolean> label,
                                Function<LineOutcome, Double> probability, int bootstrap, long seed) {
        List<Double> ps = new ArrayList<>();
        List<Boolean> ys = new ArrayList<>();
        for (LineOutcome row : lines) {
            Boolean y = label.apply(row);
            double p = y == null ? Double.NaN : probability.apply(row);
            if (!Double.isNaN(p)) {
                ps.add(p);
                ys.add(y);
            }
        }
        int n = ps.size();
        int events = (int) ys.stream().filter(b -> b).count();
        if (events == 0 || events == n) {
            return null;
        }
        double[] p = ps.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] y = new boolean[n];
        double[] logits = new double[n];
        double brier = 0;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            y[i] = ys.get(i);
            double clipped = Math.min(1 - 1e-12, Math.max(1e-12, p[i]));
            logits[i] = Math.log(clipped / (1 - clipped));
            brier += Math.pow(p[i] - (y[i] ? 1 : 0), 2);
            mean += p[i];
        }
        double auroc = Auroc.of(p, y);
        SplittableRandom random = new SplittableRandom(seed);
        double[] replicates = new double[bootstrap];
        double[] bp = new double[n];
        boolean[] by = new boolean[n];
        for (int b = 0; b < bootstrap; b++) {
            for (int i = 0; i < n; i++) {
                int k = random.nextInt(n);
                bp[i] = p[k];
                by[i] = y[k];
            }
            replicates[b] = Auroc.of(bp, by);
        }
        double[] finite = java.util.Arrays.stream(replicates).filter(v -> !Double.isNaN(v)).toArray();
        Platt calibration = Platt.fit(logits, y);
        return new BinaryMetrics(n, events, Interval.percentile(auroc, finite, 0.95), brier / n,
                calibration.intercept(), calibration.slope(), mean / n, (double) events / n);
    }

    static SurvivalMetrics survival(List<LineOutcome> lines, boolean progressionFree,
                                    Function<LineOutcome, double[]> curve12, int bootstrap, long seed) {
        List<double[]> curves = new ArrayList<>();
        List<LineOutcome> used = new ArrayList<>();
        for (LineOutcome row : lines) {
            double[] curve = curve12.apply(row);
            if (curve != null) {
                curves.add(curve);
                used.add(row);
            }
        }
        int n = used.size();
        if (n < 2) {
            return null;
        }
        double[] times = new double[n];
        boolean[] events = new boolean[n];
        double[] risks = new double[n];
        int observed = 0;
        double expected = 0;
        for (int i = 0; i < n; i++) {
            LineOutcome row = used.get(i);
            times[i] = progressionFree ? row.pfsMonths() : row.osMonths();
            events[i] = progressionFree ? row.pfsEvent() : row.osEvent();
            double[] s = curves.get(i);
            risks[i] = 1 - s[11];
            if (events[i] && times[i] <= 12) {
                observed++;
            }
            // Discrete-time expectation: the hazards of the person-months the line contributes (the
            // expansion's rules, half-interval censoring included), up to month 12.
            int atRisk = Math.min(12, PersonPeriodExpansion.MONTHLY.lastInterval(times[i], events[i]) + 1);
            double before = 1;
            for (int k = 0; k < atRisk; k++) {
                expected += before > 0 ? 1 - s[k] / before : 0;
                before = s[k];
            }
        }
        int eventCount = 0;
        for (boolean e : events) {
            eventCount += e ? 1 : 0;
        }
        if (eventCount == 0) {
            return null;
        }
        double c = ConcordanceIndex.harrell(times, events, risks).index();
        // Harrell's C costs O(n²), so on large held-out sets the bootstrap runs on a random subsample of m
        // lines and its spread is rescaled by √(m/n) (m-out-of-n bootstrap; C is √n-consistent).
        SplittableRandom random = new SplittableRandom(seed + 1);
        int m = Math.min(n, MAX_CONCORDANCE_BOOTSTRAP_LINES);
        int[] subsample = m == n ? java.util.stream.IntStream.range(0, n).toArray() : random.ints(m, 0, n).toArray();
        double centre = m == n ? c : concordance(times, events, risks, subsample);
        double scale = Math.sqrt((double) m / n);
        double[] replicates = new double[bootstrap];
        int[] resample = new int[m];
        for (int b = 0; b < bootstrap; b++) {
            for (int i = 0; i < m; i++) {
                resample[i] = subsample[random.nextInt(m)];
            }
            replicates[b] = c + (concordance(times, events, risks, resample) - centre) * scale;
        }
        double[] finite = java.util.Arrays.stream(replicates).filter(v -> !Double.isNaN(v)).toArray();
        return new SurvivalMetrics(n, eventCount, Interval.percentile(c, finite, 0.95), observed, expected);
    }

    private static double concordance(double[] times, boolean[] events, double[] risks, int[] rows) {
        double[] t = new double[rows.length];
        boolean[] e = new boolean[rows.length];
        double[] r = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            t[i] = times[rows[i]];
            e[i] = events[rows[i]];
            r[i] = risks[rows[i]];
        }
        try {
            return ConcordanceIndex.harrell(t, e, r).index();
        } catch (IllegalArgumentException noComparablePair) {
            return Double.NaN;
        }
    }

    private static List<SubgroupMetrics> subgroups(OutcomeModel model, List<LineOutcome> lines) {
        Map<String, List<LineOutcome>> byType = new TreeMap<>();
        lines.forEach(row -> byType.computeIfAbsent(row.cancerType().name().replace("CANCER_TYPE_", ""),
                k -> new ArrayList<>()).add(row));
        List<SubgroupMetrics> result = new ArrayList<>();
        byType.forEach((type, rows) -> {
            List<Double> ps = new ArrayList<>();
            List<Boolean> ys = new ArrayList<>();
            for (LineOutcome row : rows) {
                if (row.response() != null && model.coversResponse(row.regimenId())) {
                    ps.add(model.responseProbability(row.features(), row.regimenId()));
                    ys.add(row.response());
                }
            }
            if (ps.isEmpty()) {
                return;
            }
            boolean[] y = new boolean[ys.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = ys.get(i);
            }
            double[] p = ps.stream().mapToDouble(Double::doubleValue).toArray();
            result.add(new SubgroupMetrics("cancer type " + type, p.length, Auroc.of(p, y),
                    ys.stream().filter(b -> b).count() / (double) p.length,
                    java.util.Arrays.stream(p).average().orElse(Double.NaN)));
        });
        return result;
    }
}
