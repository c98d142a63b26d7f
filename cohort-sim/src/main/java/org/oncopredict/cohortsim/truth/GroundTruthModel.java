package org.oncopredict.cohortsim.truth;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;

import org.oncopredict.cohortsim.Drug;
import org.oncopredict.cohortsim.Drug.DrugClass;
import org.oncopredict.cohortsim.Regimen;
import org.oncopredict.proto.profile.v1.CancerType;

import static org.oncopredict.cohortsim.Regimen.*;
import static org.oncopredict.proto.profile.v1.CancerType.CANCER_TYPE_BREAST;
import static org.oncopredict.proto.profile.v1.CancerType.CANCER_TYPE_COLORECTAL;
import static org.oncopredict.proto.profile.v1.CancerType.CANCER_TYPE_NSCLC;

/**
 * The simulator's ground truth: for a {@link Covariates} snapshot at a line's start and a
 * {@link Regimen}, the true probability of objective response, the true PFS and OS distributions and
 * the true probability of grade ≥ 3 toxicity. Outcomes in simulated cohorts are drawn from it, so a
 * model trained on them can be scored against it (calibration, regret, CATE error).
 *
 * <h2>Formula</h2>
 * Each regimen has, per cancer type, an ordered list of biomarker <em>contexts</em> (first match wins,
 * the last is "otherwise"), each with an <em>anchor</em> for the reference patient: response
 * probability p₀, median PFS m₀ and Weibull shape k, toxicity probability t₀. The reference patient
 * is in line 1, aged 65, ECOG 1, without liver or brain metastases, haemoglobin ≥ 10 g/dL, normal
 * labs and no prior therapy. Covariate <em>effects</em> x_j (numeric or 0/1, each applying to a stated
 * set of regimens) shift three linear predictors:
 * <pre>
 *   logit P(response)        = logit p₀ + Σ_j x_j a_j
 *   PFS hazard h(t)          = h₀(t) · exp(η),  η = Σ_j x_j b_j   with h₀ the Weibull(k, m₀) hazard
 *                               ⇒ S(t) = exp(-ln2 · (t/m₀)^k · e^η),  median = m₀ · exp(-η / k)
 *   logit P(grade ≥ 3 tox)   = logit t₀ + Σ_j x_j c_j
 * </pre>
 * Overall survival is PFS followed, unless the PFS event is death (probability q), by an exponential
 * post-progression survival (PPS) whose median depends on cancer type and prognostic covariates but
 * not on the regimen (see {@link OverallSurvival}):
 * <pre>
 *   logit q   = logit 0.08 + Σ_j x_j d_j
 *   PPS rate  = ln2 / M_type · exp(Σ_j x_j e_j)
 * </pre>
 * Every anchor and coefficient is listed by {@link #markdownTables()} and in
 * {@code cohort-sim/GROUND_TRUTH.md} (a test keeps the two identical). Anchors are set so that the
 * marginal figures over a simulated population land near published trial results (FLAURA,
 * KEYNOTE-024/-189/-177, ALEX, CodeBreaK 100, CLEOPATRA, DESTINY-Breast03/-04, PALOMA-2, BEACON);
 * regimens whose trial was in pretreated patients have line-1 anchors chosen so that the
 * "second or later line" effect brings them to the trial figure.
 *
 * <p>The model is deterministic and stateless; all arithmetic uses {@link StrictMath}.
 */
public final class GroundTruthModel {

    /** Reference age, years. */
    public static final double REFERENCE_AGE = 65;
    /** Reference ECOG performance status. */
    public static final int REFERENCE_ECOG = 1;
    /** Probability that the PFS event is death, for the reference patient. */
    public static final double REFERENCE_DEATH_FIRST = 0.08;

    private static final double LN2 = StrictMath.log(2);

    /** Drug classes whose prior use predicts acquired resistance to another drug of the same class. */
    private static final List<DrugClass> RESISTANCE_CLASSES = List.of(DrugClass.EGFR_TKI, DrugClass.ALK_TKI,
            DrugClass.KRAS_G12C_INHIBITOR, DrugClass.BRAF_INHIBITOR, DrugClass.ANTI_EGFR_ANTIBODY,
            DrugClass.ANTI_HER2_ADC, DrugClass.AROMATASE_INHIBITOR, DrugClass.CDK46_INHIBITOR);

    private static final Map<Regimen, Map<CancerType, List<Context>>> CONTEXTS = contexts();
    private static final List<Effect> EFFECTS = effects();
    private static final Map<CancerType, Double> PPS_MEDIAN = Map.of(
            CANCER_TYPE_NSCLC, 7.0, CANCER_TYPE_COLORECTAL, 13.0, CANCER_TYPE_BREAST, 15.0);
    private static final List<PrognosticEffect> PPS_EFFECTS = ppsEffects();
    private static final List<PrognosticEffect> DEATH_FIRST_EFFECTS = deathFirstEffects();

    private GroundTruthModel() {
    }

    /**
     * The true outcome of {@code regimen} for a patient with covariates {@code x}.
     *
     * @throws IllegalArgumentException when the regimen is not available for the patient's cancer type
     */
    public static TrueOutcome outcome(Covariates x, Regimen regimen) {
        Anchor anchor = context(x, regimen).anchor();
        double logitResponse = logit(anchor.response());
        double logHazard = 0;
        double logitToxicity = logit(anchor.toxicity());
        for (Effect effect : EFFECTS) {
            if (effect.regimens().test(regimen, x.cancerType())) {
                double value = effect.value().applyAsDouble(x, regimen);
                logitResponse += value * effect.response();
                logHazard += value * effect.pfs();
                logitToxicity += value * effect.toxicity();
            }
        }
        Weibull pfs = Weibull.withMedian(anchor.medianPfs(), anchor.shape()).withLogHazardRatio(logHazard);
        return new TrueOutcome(regimen, logistic(logitResponse), pfs,
                new OverallSurvival(pfs, deathFirstProbability(x), postProgression(x)), logistic(logitToxicity));
    }

    /** The true outcome of every regimen available for the patient's cancer type (the counterfactuals). */
    public static Map<Regimen, TrueOutcome> outcomes(Covariates x) {
        Map<Regimen, TrueOutcome> outcomes = new EnumMap<>(Regimen.class);
        for (Regimen regimen : Regimen.forCancerType(x.cancerType())) {
            outcomes.put(regimen, outcome(x, regimen));
        }
        return outcomes;
    }

    private static Context context(Covariates x, Regimen regimen) {
        List<Context> contexts = CONTEXTS.getOrDefault(regimen, Map.of()).get(x.cancerType());
        if (contexts == null) {
            throw new IllegalArgumentException(regimen.id() + " is not a regimen for " + x.cancerType());
        }
        for (Context context : contexts) {
            if (context.applies().test(x.biomarkers())) {
                return context;
            }
        }
        throw new IllegalStateException("no context matched; the last context of each regimen must be 'otherwise'");
    }

    private static double deathFirstProbability(Covariates x) {
        return logistic(logit(REFERENCE_DEATH_FIRST) + sum(DEATH_FIRST_EFFECTS, x));
    }

    private static Weibull postProgression(Covariates x) {
        return Weibull.withMedian(PPS_MEDIAN.get(x.cancerType()), 1).withLogHazardRatio(sum(PPS_EFFECTS, x));
    }

    /** Σ_j x_j · coefficient_j over the effects that apply to the patient's cancer type. */
    private static double sum(List<PrognosticEffect> effects, Covariates x) {
        double sum = 0;
        for (PrognosticEffect effect : effects) {
            if (effect.cancerTypes().test(x.cancerType())) {
                sum += effect.value().applyAsDouble(x) * effect.coefficient();
            }
        }
        return sum;
    }

    static double logit(double p) {
        return StrictMath.log(p / (1 - p));
    }

    static double logistic(double z) {
        return 1 / (1 + StrictMath.exp(-z));
    }

    // ---------------------------------------------------------------------------------------------
    // Anchors: reference-patient parameters per regimen, cancer type and biomarker context.

    private static Map<Regimen, Map<CancerType, List<Context>>> contexts() {
        Map<Regimen, Map<CancerType, List<Context>>> m = new EnumMap<>(Regimen.class);
        // NSCLC. Checkpoint-inhibitor anchors are for ever-smokers with TMB < 10 and no EGFR/ALK driver.
        put(m, CARBOPLATIN_PEMETREXED, CANCER_TYPE_NSCLC, otherwise(0.28, 5.8, 1.3, 0.50));
        put(m, CISPLATIN_PEMETREXED, CANCER_TYPE_NSCLC, otherwise(0.30, 6.0, 1.3, 0.55));
        put(m, PEMBROLIZUMAB, CANCER_TYPE_NSCLC,
                when("PD-L1 TPS ≥ 50 %", Biomarkers::pdl1High, 0.44, 11.5, 0.8, 0.27),
                when("PD-L1 TPS 1–49 %", Biomarkers::pdl1Low, 0.18, 4.5, 0.8, 0.25),
                otherwise(0.07, 2.8, 0.9, 0.22));
        put(m, PEMBROLIZUMAB_CARBOPLATIN_PEMETREXED, CANCER_TYPE_NSCLC,
                when("PD-L1 TPS ≥ 50 %", Biomarkers::pdl1High, 0.60, 12.0, 1.0, 0.67),
                when("PD-L1 TPS 1–49 %", Biomarkers::pdl1Low, 0.47, 10.0, 1.0, 0.67),
                otherwise(0.32, 7.0, 1.1, 0.67));
        put(m, OSIMERTINIB, CANCER_TYPE_NSCLC,
                when("EGFR sensitising mutation", Biomarkers::egfrSensitising, 0.80, 18.9, 1.4, 0.34),
                otherwise(0.03, 2.0, 1.2, 0.22));
        put(m, GEFITINIB, CANCER_TYPE_NSCLC,
                when("EGFR sensitising mutation", Biomarkers::egfrSensitising, 0.76, 10.2, 1.5, 0.45),
                otherwise(0.04, 2.0, 1.2, 0.30));
        put(m, ALECTINIB, CANCER_TYPE_NSCLC,
                when("ALK fusion", Biomarkers::alkFusion, 0.83, 34.8, 1.3, 0.41),
                otherwise(0.02, 1.9, 1.2, 0.25));
        put(m, CRIZOTINIB, CANCER_TYPE_NSCLC,
                when("ALK fusion", Biomarkers::alkFusion, 0.76, 10.9, 1.4, 0.50),
                otherwise(0.03, 2.0, 1.2, 0.32));
        put(m, SOTORASIB, CANCER_TYPE_NSCLC,
                when("KRAS G12C", Biomarkers::krasG12c, 0.50, 9.0, 1.3, 0.20),
                otherwise(0.02, 1.8, 1.2, 0.18));
        put(m, DOCETAXEL, CANCER_TYPE_NSCLC, otherwise(0.23, 5.2, 1.3, 0.40));
        put(m, BEST_SUPPORTIVE_CARE, CANCER_TYPE_NSCLC, otherwise(0.01, 2.2, 1.2, 0.03));
        // Colorectal.
        put(m, FOLFOX, CANCER_TYPE_COLORECTAL, otherwise(0.45, 8.5, 1.4, 0.55));
        put(m, FOLFIRI, CANCER_TYPE_COLORECTAL, otherwise(0.40, 8.0, 1.4, 0.55));
        put(m, FOLFOX_BEVACIZUMAB, CANCER_TYPE_COLORECTAL, otherwise(0.50, 10.0, 1.4, 0.60));
        put(m, FOLFIRI_CETUXIMAB, CANCER_TYPE_COLORECTAL,
                when("RAS wild-type", b -> !b.rasMutant(), 0.62, 11.0, 1.4, 0.65),
                otherwise(0.36, 7.4, 1.4, 0.65));
        put(m, PEMBROLIZUMAB, CANCER_TYPE_COLORECTAL,
                when("MSI-H", Biomarkers::msiHigh, 0.50, 22.0, 0.7, 0.22),
                otherwise(0.03, 2.1, 1.0, 0.15));
        put(m, ENCORAFENIB_CETUXIMAB, CANCER_TYPE_COLORECTAL,
                when("BRAF V600E", Biomarkers::brafV600e, 0.30, 5.6, 1.3, 0.47),
                when("RAS wild-type", b -> !b.rasMutant(), 0.15, 3.5, 1.2, 0.35),
                otherwise(0.03, 2.0, 1.2, 0.30));
        put(m, BEST_SUPPORTIVE_CARE, CANCER_TYPE_COLORECTAL, otherwise(0.01, 3.0, 1.2, 0.03));
        // Breast.
        put(m, PACLITAXEL, CANCER_TYPE_BREAST, otherwise(0.38, 6.5, 1.3, 0.35));
        put(m, PERTUZUMAB_TRASTUZUMAB_DOCETAXEL, CANCER_TYPE_BREAST,
                when("HER2-positive", Biomarkers::her2Positive, 0.80, 18.5, 1.3, 0.60),
                otherwise(0.38, 6.5, 1.3, 0.62));
        put(m, TRASTUZUMAB_DERUXTECAN, CANCER_TYPE_BREAST,
                when("HER2-positive", Biomarkers::her2Positive, 0.88, 37.0, 1.2, 0.42),
                when("HER2-low", b -> b.her2() == Her2Status.LOW, 0.62, 13.0, 1.2, 0.47),
                otherwise(0.30, 4.5, 1.2, 0.45));
        put(m, TRASTUZUMAB_EMTANSINE, CANCER_TYPE_BREAST,
                when("HER2-positive", Biomarkers::her2Positive, 0.48, 10.0, 1.2, 0.36),
                otherwise(0.04, 2.5, 1.2, 0.30));
        put(m, PALBOCICLIB_LETROZOLE, CANCER_TYPE_BREAST,
                when("HR-positive", Biomarkers::hormoneReceptorPositive, 0.42, 24.8, 1.2, 0.66),
                otherwise(0.05, 2.8, 1.2, 0.60));
        put(m, LETROZOLE, CANCER_TYPE_BREAST,
                when("HR-positive", Biomarkers::hormoneReceptorPositive, 0.35, 14.5, 1.2, 0.15),
                otherwise(0.02, 2.3, 1.2, 0.05));
        put(m, CAPECITABINE, CANCER_TYPE_BREAST, otherwise(0.28, 6.0, 1.3, 0.30));
        put(m, BEST_SUPPORTIVE_CARE, CANCER_TYPE_BREAST, otherwise(0.01, 2.5, 1.2, 0.03));
        return m;
    }

    // ---------------------------------------------------------------------------------------------
    // Effects: (covariate, regimens it applies to, Δ logit response, Δ log HR PFS, Δ logit toxicity).

    private static List<Effect> effects() {
        BiPredicate<Regimen, CancerType> all = (r, c) -> true;
        BiPredicate<Regimen, CancerType> nsclcOrBreast = (r, c) -> c != CANCER_TYPE_COLORECTAL;
        BiPredicate<Regimen, CancerType> cytotoxic = (r, c) -> r.isCytotoxic();
        BiPredicate<Regimen, CancerType> lineSensitive =
                (r, c) -> r.isCytotoxic() || r.isCheckpointInhibitor() || r.isBestSupportiveCare();
        BiPredicate<Regimen, CancerType> checkpoint = (r, c) -> r.isCheckpointInhibitor();
        BiPredicate<Regimen, CancerType> nsclcCheckpoint = (r, c) -> r.isCheckpointInhibitor() && c == CANCER_TYPE_NSCLC;
        List<Effect> e = new ArrayList<>();
        // Prognostic effects on every regimen.
        e.add(effect("ECOG − 1", "all", all, x -> x.ecog() - REFERENCE_ECOG, -0.35, 0.25, 0.25));
        e.add(effect("(age − 65) / 10 years", "all", all, x -> (x.ageYears() - REFERENCE_AGE) / 10, -0.05, 0.05, 0.20));
        e.add(effect("liver metastases", "all (NSCLC, breast)", nsclcOrBreast, x -> flag(x.liverMetastases()), -0.25, 0.25, 0.10));
        e.add(effect("brain metastases", "all but CNS-active osimertinib, alectinib",
                (r, c) -> r != OSIMERTINIB && r != ALECTINIB, x -> flag(x.brainMetastases()), -0.20, 0.20, 0));
        e.add(effect("haemoglobin < 10 g/dL", "all", all, x -> flag(x.labs().haemoglobin() < 10), -0.15, 0.15, 0.30));
        e.add(effect("current smoker", "all", all, x -> flag(x.currentSmoker()), 0, 0.10, 0));
        e.add(effect("second or later line", "cytotoxic, checkpoint inhibitor, best supportive care", lineSensitive,
                x -> flag(x.lineNumber() > 1), -0.60, 0.35, 0));
        e.add(effect("second or later line", "targeted, antibody-drug conjugate, endocrine", lineSensitive.negate(),
                x -> flag(x.lineNumber() > 1), -0.20, 0.10, 0));
        // Toxicity: organ function and marrow reserve.
        e.add(effect("ANC < 1.5 × 10⁹/L", "cytotoxic", cytotoxic, x -> flag(x.labs().anc() < 1.5), 0, 0, 0.80));
        e.add(effect("eGFR < 45 mL/min/1.73 m²", "cytotoxic", cytotoxic, x -> flag(x.labs().estimatedGfr() < 45), 0, 0, 0.40));
        e.add(effect("eGFR < 45 mL/min/1.73 m²", "cisplatin", (r, c) -> r.contains(Drug.CISPLATIN),
                x -> flag(x.labs().estimatedGfr() < 45), 0, 0, 1.50));
        e.add(effect("45 ≤ eGFR < 60 mL/min/1.73 m²", "cisplatin", (r, c) -> r.contains(Drug.CISPLATIN),
                x -> flag(x.labs().estimatedGfr() >= 45 && x.labs().estimatedGfr() < 60), 0, 0, 0.50));
        e.add(effect("eGFR < 45 mL/min/1.73 m²", "pemetrexed or capecitabine",
                (r, c) -> r.contains(Drug.PEMETREXED) || r.contains(Drug.CAPECITABINE),
                x -> flag(x.labs().estimatedGfr() < 45), 0, 0, 0.60));
        e.add(effect("bilirubin > 1.5 mg/dL or ALT > 100 U/L", "taxane, TKI, antibody-drug conjugate",
                (r, c) -> r.contains(DrugClass.TAXANE) || r.contains(DrugClass.EGFR_TKI) || r.contains(DrugClass.ALK_TKI)
                        || r.contains(DrugClass.KRAS_G12C_INHIBITOR) || r.contains(DrugClass.ANTI_HER2_ADC),
                x -> flag(x.labs().hepaticImpairment()), 0, 0, 0.70));
        // Predictive effects (treatment-effect heterogeneity beyond the biomarker contexts).
        e.add(effect("squamous histology", "pemetrexed", (r, c) -> r.contains(Drug.PEMETREXED),
                x -> flag(x.squamousHistology()), -0.90, 0.40, 0));
        e.add(effect("TMB ≥ 10 mut/Mb", "checkpoint inhibitor (NSCLC)", nsclcCheckpoint,
                x -> flag(x.biomarkers().tmbHigh()), 0.40, -0.20, 0));
        e.add(effect("never smoker", "checkpoint inhibitor (NSCLC)", nsclcCheckpoint,
                x -> flag(!x.everSmoker()), -0.25, 0.10, 0));
        e.add(effect("EGFR or ALK driver", "checkpoint inhibitor (NSCLC)", nsclcCheckpoint,
                x -> flag(x.biomarkers().egfrOrAlkDriver()), -1.20, 0.50, 0));
        e.add(effect("prior PD-1 inhibitor", "checkpoint inhibitor", checkpoint,
                x -> flag(x.priorDrugClass(DrugClass.PD1_INHIBITOR)), -1.50, 0.50, 0));
        e.add(effect("COPD", "checkpoint inhibitor", checkpoint, x -> flag(x.copd()), 0, 0, 0.30));
        e.add(effect("prior immune-related toxicity grade ≥ 3", "checkpoint inhibitor", checkpoint,
                x -> flag(x.priorSevereImmuneToxicity()), 0, 0, 1.20));
        e.add(new Effect("prior drug of a class in the regimen (EGFR TKI, ALK TKI, KRAS G12C, BRAF, anti-EGFR "
                + "antibody, HER2 ADC, aromatase or CDK4/6 inhibitor)", "regimens with such a class", all,
                (x, r) -> flag(!x.priorRegimens().isEmpty()
                        && RESISTANCE_CLASSES.stream().anyMatch(k -> r.contains(k) && x.priorDrugClass(k))),
                -1.00, 0.50, 0));
        e.add(effect("MSI-H", "cytotoxic (colorectal)", (r, c) -> r.isCytotoxic() && c == CANCER_TYPE_COLORECTAL,
                x -> flag(x.biomarkers().msiHigh()), -0.40, 0.20, 0));
        e.add(effect("BRAF V600E", "all but encorafenib-cetuximab (colorectal)",
                (r, c) -> r != ENCORAFENIB_CETUXIMAB && c == CANCER_TYPE_COLORECTAL,
                x -> flag(x.biomarkers().brafV600e()), -0.50, 0.50, 0));
        e.add(effect("HER2-positive", "palbociclib-letrozole, letrozole",
                (r, c) -> r.contains(DrugClass.AROMATASE_INHIBITOR),
                x -> flag(x.biomarkers().her2Positive()), -0.40, 0.35, 0));
        return List.copyOf(e);
    }

    private static List<PrognosticEffect> ppsEffects() {
        List<PrognosticEffect> e = new ArrayList<>();
        e.add(prognostic("ECOG − 1", c -> true, x -> x.ecog() - REFERENCE_ECOG, 0.40));
        e.add(prognostic("(age − 65) / 10 years", c -> true, x -> (x.ageYears() - REFERENCE_AGE) / 10, 0.10));
        e.add(prognostic("liver metastases (NSCLC, breast)", c -> c != CANCER_TYPE_COLORECTAL,
                x -> flag(x.liverMetastases()), 0.25));
        e.add(prognostic("brain metastases", c -> true, x -> flag(x.brainMetastases()), 0.25));
        e.add(prognostic("haemoglobin < 10 g/dL", c -> true, x -> flag(x.labs().haemoglobin() < 10), 0.25));
        e.add(prognostic("second or later line", c -> true, x -> flag(x.lineNumber() > 1), 0.30));
        e.add(prognostic("EGFR or ALK driver (NSCLC)", c -> c == CANCER_TYPE_NSCLC,
                x -> flag(x.biomarkers().egfrOrAlkDriver()), -0.40));
        e.add(prognostic("HR-positive (breast)", c -> c == CANCER_TYPE_BREAST,
                x -> flag(x.biomarkers().hormoneReceptorPositive()), -0.30));
        e.add(prognostic("BRAF V600E (colorectal)", c -> c == CANCER_TYPE_COLORECTAL,
                x -> flag(x.biomarkers().brafV600e()), 0.50));
        return List.copyOf(e);
    }

    private static List<PrognosticEffect> deathFirstEffects() {
        return List.of(
                prognostic("ECOG − 1", c -> true, x -> x.ecog() - REFERENCE_ECOG, 0.40),
                prognostic("(age − 65) / 10 years", c -> true, x -> (x.ageYears() - REFERENCE_AGE) / 10, 0.20),
                prognostic("second or later line", c -> true, x -> flag(x.lineNumber() > 1), 0.30));
    }

    // ---------------------------------------------------------------------------------------------
    // Documentation.

    /**
     * Markdown tables of every anchor and coefficient, as embedded in {@code GROUND_TRUTH.md}
     * between the {@code <!-- generated -->} markers.
     */
    public static String markdownTables() {
        StringBuilder md = new StringBuilder();
        md.append("### Anchors (reference patient, line 1)\n\n")
                .append("| cancer type | regimen | biomarker context | P(response) | median PFS (months) | Weibull shape k | P(grade ≥ 3) |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (CancerType type : List.of(CANCER_TYPE_NSCLC, CANCER_TYPE_COLORECTAL, CANCER_TYPE_BREAST)) {
            for (Regimen regimen : Regimen.forCancerType(type)) {
                List<Context> contexts = CONTEXTS.get(regimen).get(type);
                for (Context c : contexts) {
                    Anchor a = c.anchor();
                    md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.1f | %.1f | %.2f |%n",
                            typeName(type), regimen.id(), contexts.size() == 1 ? "any" : c.label(), a.response(), a.medianPfs(), a.shape(),
                            a.toxicity()));
                }
            }
        }
        md.append("\n### Effects\n\n")
                .append("| covariate x | applies to | Δ logit P(response) | Δ log HR (PFS) | Δ logit P(grade ≥ 3) |\n")
                .append("|---|---|---|---|---|\n");
        for (Effect e : EFFECTS) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %+.2f | %+.2f | %+.2f |%n",
                    e.covariate(), e.regimenDescription(), e.response(), e.pfs(), e.toxicity()));
        }
        md.append("\n### Overall survival\n\n")
                .append(String.format(Locale.ROOT, "Reference probability that the PFS event is death: q₀ = %.2f.%n%n",
                        REFERENCE_DEATH_FIRST))
                .append("| cancer type | reference median post-progression survival M (months) |\n|---|---|\n");
        for (CancerType type : List.of(CANCER_TYPE_NSCLC, CANCER_TYPE_COLORECTAL, CANCER_TYPE_BREAST)) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f |%n", typeName(type), PPS_MEDIAN.get(type)));
        }
        md.append("\n| covariate x | Δ log HR (post-progression survival) |\n|---|---|\n");
        for (PrognosticEffect e : PPS_EFFECTS) {
            md.append(String.format(Locale.ROOT, "| %s | %+.2f |%n", e.covariate(), e.coefficient()));
        }
        md.append("\n| covariate x | Δ logit q (PFS event is death) |\n|---|---|\n");
        for (PrognosticEffect e : DEATH_FIRST_EFFECTS) {
            md.append(String.format(Locale.ROOT, "| %s | %+.2f |%n", e.covariate(), e.coefficient()));
        }
        return md.toString();
    }

    private static String typeName(CancerType type) {
        return switch (type) {
            case CANCER_TYPE_NSCLC -> "NSCLC";
            case CANCER_TYPE_COLORECTAL -> "colorectal";
            case CANCER_TYPE_BREAST -> "breast";
            default -> type.name();
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Table plumbing.

    private record Anchor(double response, double medianPfs, double shape, double toxicity) {
    }

    private record Context(String label, Predicate<Biomarkers> applies, Anchor anchor) {
    }

    /**
     * One covariate effect on the response, PFS and toxicity predictors of the regimens it applies to;
     * the value may depend on the regimen (e.g. "prior drug of a class this regimen contains").
     */
    private record Effect(String covariate, String regimenDescription, BiPredicate<Regimen, CancerType> regimens,
                          ToDoubleBiFunction<Covariates, Regimen> value, double response, double pfs, double toxicity) {
    }

    /** One covariate effect on a regimen-independent predictor (post-progression survival, death first). */
    private record PrognosticEffect(String covariate, Predicate<CancerType> cancerTypes,
                                    ToDoubleFunction<Covariates> value, double coefficient) {
    }

    private static Effect effect(String covariate, String regimenDescription, BiPredicate<Regimen, CancerType> regimens,
                                 ToDoubleFunction<Covariates> value, double response, double pfs, double toxicity) {
        return new Effect(covariate, regimenDescription, regimens, (x, r) -> value.applyAsDouble(x),
                response, pfs, toxicity);
    }

    private static PrognosticEffect prognostic(String covariate, Predicate<CancerType> cancerTypes,
                                               ToDoubleFunction<Covariates> value, double coefficient) {
        return new PrognosticEffect(covariate, cancerTypes, value, coefficient);
    }

    private static double flag(boolean b) {
        return b ? 1 : 0;
    }

    private static Context when(String label, Predicate<Biomarkers> applies,
                                double response, double medianPfs, double shape, double toxicity) {
        return new Context(label, applies, new Anchor(response, medianPfs, shape, toxicity));
    }

    private static Context otherwise(double response, double medianPfs, double shape, double toxicity) {
        return when("otherwise", b -> true, response, medianPfs, shape, toxicity);
    }

    private static void put(Map<Regimen, Map<CancerType, List<Context>>> m, Regimen regimen, CancerType type,
                            Context... contexts) {
        if (!regimen.cancerTypes().contains(type)) {
            throw new IllegalStateException(regimen + " is not declared for " + type);
        }
        m.computeIfAbsent(regimen, r -> new EnumMap<>(CancerType.class)).put(type, List.of(contexts));
    }
}
