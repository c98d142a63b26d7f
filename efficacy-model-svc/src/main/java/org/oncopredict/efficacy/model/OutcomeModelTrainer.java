package org.oncopredict.efficacy.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.oncopredict.efficacy.features.FeatureSchema;
import org.oncopredict.efficacy.training.DiscreteTimeSurvivalModel;
import org.oncopredict.efficacy.training.DiscreteTimeSurvivalTrainer;
import org.oncopredict.efficacy.training.LineOutcome;
import org.oncopredict.efficacy.training.SurvivalData;
import org.oncopredict.efficacy.training.SurvivalEnsemble;

/**
 * Trains an {@link OutcomeModel} from therapy-line rows.
 *
 * <ol>
 *   <li>Patients (not lines: a patient's lines stay together) are split by a seeded hash into training,
 *       calibration and held-out sets.</li>
 *   <li>Regimens with at least {@link TrainingConfig#minimumRowsPerRegimen()} training lines are modelled;
 *       the others are listed with the reason.</li>
 *   <li>Response and toxicity: the configured base learner — logistic models (default) or XGBoost trees — as
 *       S- or T-learner, each fitted on the training lines and on B bootstrap resamples; one Platt calibration
 *       fitted on the calibration lines.</li>
 *   <li>PFS and OS: per-regimen discrete-time hazard models (monthly person-periods) with their B resamples,
 *       whichever the learner. A pooled S-learner design has ~400 dense columns per person-month; Tribuo's
 *       SGD did not converge on it within a practical budget (held-out C-index 0.61 against 0.69, diverging
 *       hazards), so survival is always fitted per regimen — and always as a logistic hazard model, whatever
 *       the base learner of the binary outcomes.</li>
 *   <li>Support statistics from the training lines; the quality figures on the held-out lines only.</li>
 * </ol>
 * Cancellation is checked before every fit; progress is reported as the share of fits done.
 */
public final class OutcomeModelTrainer {

    /** Base features the S-learner lets each regimen modify (predictive effects). */
    static final Predicate<String> MODIFIER = name -> name.startsWith("bm_") || name.startsWith("cancer_")
            || List.of("ecog", "prior_lines", "squamous_histology", "egfr_ml_min", "age_years", "brain_mets",
            "liver_mets", "prior_io", "prior_platinum", "prior_irae_grade3", "smoking_current", "smoking_former",
            "tmb", "pdl1_tps").contains(name);

    private static final int MINIMUM_CLASS_COUNT = 5;
    private static final int METRIC_BOOTSTRAP = 200;
    private static final int LOW_SUPPORT = 20;

    private final TrainingConfig config;
    private final Clock clock;
    private final FeatureSchema schema = FeatureSchema.v1();

    public OutcomeModelTrainer(TrainingConfig config) {
        this(config, Clock.systemUTC());
    }

    public OutcomeModelTrainer(TrainingConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public OutcomeModel train(List<LineOutcome> rows, String source, Map<String, Integer> skippedLines,
                              TrainingMonitor monitor) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no usable therapy lines in " + source);
        }
        monitor.progress("splitting", 1);
        List<LineOutcome> training = new ArrayList<>();
        List<LineOutcome> calibration = new ArrayList<>();
        List<LineOutcome> heldOut = new ArrayList<>();
        TreeSet<String> patients = new TreeSet<>();
        for (LineOutcome row : rows) {
            patients.add(row.patientKey());
            double u = splitUnit(config.seed(), row.patientKey());
            (u < config.holdoutFraction() ? heldOut
                    : u < config.holdoutFraction() + config.calibrationFraction() ? calibration : training).add(row);
        }

        Map<String, Integer> counts = new TreeMap<>();
        training.forEach(row -> counts.merge(row.regimenId(), 1, Integer::sum));
        Map<String, String> notModelled = new TreeMap<>();
        List<String> regimens = new ArrayList<>();
        rows.stream().map(LineOutcome::regimenId).distinct().sorted().forEach(id -> {
            int n = counts.getOrDefault(id, 0);
            if (n >= config.minimumRowsPerRegimen()) {
                regimens.add(id);
            } else {
                notModelled.put(id, n + " training lines (at least " + config.minimumRowsPerRegimen() + " needed)");
            }
        });
        if (regimens.isEmpty()) {
            throw new IllegalArgumentException("no regimen has at least " + config.minimumRowsPerRegimen()
                    + " training lines in " + source + ": " + counts);
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int r = 0; r < regimens.size(); r++) {
            index.put(regimens.get(r), r);
        }
        List<LineOutcome> modelled = training.stream().filter(row -> index.containsKey(row.regimenId())).toList();

        int designs = config.learner() == Learner.S_LEARNER ? 1 : regimens.size();
        Progress progress = new Progress(monitor, 2 * (designs + regimens.size()) * (config.bootstrapReplicates() + 1));

        progress.stage("fitting response models");
        BinaryOutcomeModel response = fitBinary("response", modelled, LineOutcome::response, index, regimens,
                calibration, progress, notModelled);
        progress.stage("fitting toxicity models");
        BinaryOutcomeModel toxicity = fitBinary("severe toxicity", modelled, LineOutcome::severeToxicity, index,
                regimens, calibration, progress, notModelled);
        progress.stage("fitting PFS models");
        SurvivalOutcomeModel pfs = fitSurvival("PFS", modelled, index, regimens, true, progress, notModelled);
        progress.stage("fitting OS models");
        SurvivalOutcomeModel os = fitSurvival("OS", modelled, index, regimens, false, progress, notModelled);

        monitor.progress("evaluating", 96);
        SupportIndex support = SupportIndex.build(schema, regimens.size(),
                modelled.stream().map(LineOutcome::features).toList(),
                modelled.stream().mapToInt(row -> index.get(row.regimenId())).toArray(), LOW_SUPPORT);
        ModelDescription description = new ModelDescription(FeatureSchema.VERSION, config.learner(), config.baseLearner().name(),
                regimens, notModelled, config.bootstrapReplicates(), config.intervalLevel(), modelled.size(),
                calibration.size(), heldOut.size(), patients.size(), cohortHash(rows), source,
                Map.copyOf(skippedLines), clock.instant(), config);
        OutcomeModel unevaluated = new OutcomeModel(description, response, toxicity, pfs, os, support, null);
        EvaluationReport report = ModelEvaluation.evaluate(unevaluated, heldOut, METRIC_BOOTSTRAP, config.seed());
        monitor.progress("done", 100);
        return new OutcomeModel(description, response, toxicity, pfs, os, support, report);
    }

    private BinaryOutcomeModel fitBinary(String outcome, List<LineOutcome> rows,
                                         Function<LineOutcome, Boolean> label, Map<String, Integer> index,
                                         List<String> regimens, List<LineOutcome> calibration, Progress progress,
                                         Map<String, String> notModelled) {
        MemberTrainer trainer = switch (config.baseLearner()) {
            case LOGISTIC_SGD -> new LogisticTrainer(config.learningRate(), config.minimumEpochs(),
                    config.minimumUpdates());
            case XGBOOST -> new XGBoostMemberTrainer();
        };
        List<LineOutcome> known = rows.stream().filter(row -> label.apply(row) != null).toList();
        Map<Integer, Design> designs = new TreeMap<>();
        Map<Integer, List<BinaryMember>> members = new TreeMap<>();
        if (config.learner() == Learner.S_LEARNER) {
            Design design = Design.fit(schema.names(), values(known), regimenIndices(known, index), regimens,
                    modifiers());
            List<SparseRow> design_rows = known.stream()
                    .map(row -> design.row(row.features().values(), index.get(row.regimenId()))).toList();
            boolean[] y = outcomes(known, label);
            designs.put(BinaryOutcomeModel.POOLED, design);
            members.put(BinaryOutcomeModel.POOLED, fitMembers(trainer, design, design_rows, y, outcome, progress));
        } else {
            for (int r = 0; r < regimens.size(); r++) {
                int regimen = r;
                List<LineOutcome> own = known.stream().filter(row -> index.get(row.regimenId()) == regimen).toList();
                boolean[] y = outcomes(own, label);
                int positives = count(y);
                if (positives < MINIMUM_CLASS_COUNT || own.size() - positives < MINIMUM_CLASS_COUNT) {
                    notModelled.merge(regimens.get(r), "no " + outcome + " model: " + positives + " of " + own.size()
                            + " lines with the outcome", (a, b) -> a + "; " + b);
                    progress.done(config.bootstrapReplicates() + 1);
                    continue;
                }
                Design design = Design.fit(schema.names(), values(own));
                List<SparseRow> design_rows = own.stream().map(row -> design.row(row.features().values(), -1)).toList();
                designs.put(r, design);
                members.put(r, fitMembers(trainer, design, design_rows, y,
                        outcome + " on " + regimens.get(r), progress));
            }
        }
        BinaryOutcomeModel uncalibrated = new BinaryOutcomeModel(config.learner(), designs, members, Platt.IDENTITY);
        return uncalibrated.withPlatt(uncalibrated.fitPlatt(calibration, label, index));
    }

    private List<BinaryMember> fitMembers(MemberTrainer trainer, Design design, List<SparseRow> rows, boolean[] y,
                                           String description, Progress progress) {
        List<String> columns = design.columnNames();
        long[] seeds = new SplittableRandom(config.seed() ^ description.hashCode()).longs(config.bootstrapReplicates() + 1)
                .toArray();
        int n = rows.size();
        return IntStream.rangeClosed(0, config.bootstrapReplicates()).parallel().mapToObj(b -> {
            progress.checkCancelled();
            BinaryMember model;
            if (b == 0) {
                model = trainer.fit(columns, rows, y, seeds[0], description);
            } else {
                SplittableRandom random = new SplittableRandom(seeds[b]);
                List<SparseRow> sample = new ArrayList<>(n);
                boolean[] sampleY = new boolean[n];
                // A resample with a single class cannot be fitted; redraw (only plausible for tiny data).
                for (int attempt = 0; ; attempt++) {
                    sample.clear();
                    for (int i = 0; i < n; i++) {
                        int k = random.nextInt(n);
                        sample.add(rows.get(k));
                        sampleY[i] = y[k];
                    }
                    int positives = count(sampleY);
                    if ((positives > 0 && positives < n) || attempt > 20) {
                        break;
                    }
                }
                model = trainer.fit(columns, sample, sampleY, random.nextLong(), description + ", bootstrap " + b);
            }
            progress.done(1);
            return model;
        }).toList();
    }

    private SurvivalOutcomeModel fitSurvival(String outcome, List<LineOutcome> rows, Map<String, Integer> index,
                                             List<String> regimens, boolean progressionFree, Progress progress,
                                             Map<String, String> notModelled) {
        DiscreteTimeSurvivalTrainer trainer = new DiscreteTimeSurvivalTrainer(config.survival().withSeed(config.seed()));
        Map<Integer, Design> designs = new TreeMap<>();
        Map<Integer, List<DiscreteTimeSurvivalModel>> members = new TreeMap<>();
        for (int r = 0; r < regimens.size(); r++) {
            int regimen = r;
            List<LineOutcome> own = rows.stream().filter(row -> index.get(row.regimenId()) == regimen).toList();
            long events = own.stream().filter(row -> progressionFree ? row.pfsEvent() : row.osEvent()).count();
            if (events < MINIMUM_CLASS_COUNT) {
                notModelled.merge(regimens.get(r), "no " + outcome + " model: " + events + " events",
                        (a, b) -> a + "; " + b);
                progress.done(config.bootstrapReplicates() + 1);
                continue;
            }
            progress.checkCancelled();
            Design design = Design.fit(schema.names(), values(own));
            SurvivalEnsemble ensemble = trainer.trainEnsemble(survivalData(outcome + " on " + regimens.get(r), own,
                    design, index, progressionFree, false), config.bootstrapReplicates());
            designs.put(r, design);
            members.put(r, members(ensemble));
            progress.done(config.bootstrapReplicates() + 1);
        }
        return new SurvivalOutcomeModel(Learner.T_LEARNER, designs, members);
    }

    private static List<DiscreteTimeSurvivalModel> members(SurvivalEnsemble ensemble) {
        List<DiscreteTimeSurvivalModel> all = new ArrayList<>();
        all.add(ensemble.model());
        all.addAll(ensemble.replicates());
        return all;
    }

    private static SurvivalData survivalData(String description, List<LineOutcome> rows, Design design,
                                             Map<String, Integer> index, boolean progressionFree, boolean pooled) {
        int n = rows.size();
        double[] times = new double[n];
        boolean[] events = new boolean[n];
        double[][] features = new double[n][];
        for (int i = 0; i < n; i++) {
            LineOutcome row = rows.get(i);
            times[i] = progressionFree ? row.pfsMonths() : row.osMonths();
            events[i] = progressionFree ? row.pfsEvent() : row.osEvent();
            features[i] = design.rawRow(row.features().values(), pooled ? index.get(row.regimenId()) : -1);
        }
        return SurvivalData.of(description, design.columnNames(), times, events, features);
    }

    private List<Integer> modifiers() {
        List<Integer> modifiers = new ArrayList<>();
        List<String> names = schema.names();
        for (int j = 0; j < names.size(); j++) {
            if (MODIFIER.test(names.get(j))) {
                modifiers.add(j);
            }
        }
        return modifiers;
    }

    private static int[] regimenIndices(List<LineOutcome> rows, Map<String, Integer> index) {
        return rows.stream().mapToInt(row -> index.get(row.regimenId())).toArray();
    }

    private static List<double[]> values(List<LineOutcome> rows) {
        return rows.stream().map(row -> row.features().values()).toList();
    }

    private static boolean[] outcomes(List<LineOutcome> rows, Function<LineOutcome, Boolean> label) {
        boolean[] y = new boolean[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = label.apply(rows.get(i));
        }
        return y;
    }

    private static int count(boolean[] y) {
        int c = 0;
        for (boolean b : y) {
            c += b ? 1 : 0;
        }
        return c;
    }

    /** A uniform number in [0, 1) from the seed and the patient key: the patient's split. */
    public static double splitUnit(long seed, String patientKey) {
        byte[] digest = sha256(seed + ":" + patientKey);
        long bits = 0;
        for (int i = 0; i < 7; i++) {
            bits = (bits << 8) | (digest[i] & 0xff);
        }
        return bits / (double) (1L << 56);
    }

    /** SHA-256 over the sorted rows (patient key, line, regimen, outcomes): identifies a training cohort. */
    public static String cohortHash(List<LineOutcome> rows) {
        List<String> keys = rows.stream().map(row -> String.join("|", row.patientKey(),
                Integer.toString(row.lineNumber()), row.regimenId(), String.valueOf(row.response()),
                String.valueOf(row.severeToxicity()), Double.toString(row.pfsMonths()), Boolean.toString(row.pfsEvent()),
                Double.toString(row.osMonths()), Boolean.toString(row.osEvent()))).sorted().toList();
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String key : keys) {
                digest.update(key.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fits done out of the planned total, reported as 5…95 %. */
    private static final class Progress {
        private final TrainingMonitor monitor;
        private final int total;
        private final AtomicInteger done = new AtomicInteger();
        private volatile String stage = "fitting models";

        Progress(TrainingMonitor monitor, int total) {
            this.monitor = monitor;
            this.total = total;
        }

        void stage(String name) {
            stage = name;
            monitor.progress(name, 5 + (int) (90L * Math.min(done.get(), total) / total));
        }

        void done(int fits) {
            int now = done.addAndGet(fits);
            monitor.progress(stage, 5 + (int) (90L * Math.min(now, total) / total));
        }

        void checkCancelled() {
            if (monitor.cancelled()) {
                throw new CancellationException("training cancelled");
            }
        }
    }
}
