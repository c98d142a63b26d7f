package org.oncopredict.efficacy.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.oncopredict.efficacy.features.FeatureSpec.Kind;

/**
 * The feature schema, as data in one place: every feature's name, unit, description and missing-value
 * default, in the order of {@link FeatureVector}. Names are stable within a {@link #VERSION}: a model
 * trained on one version is only fed vectors of the same version.
 *
 * <p><b>Missing values.</b> A numeric feature that cannot be observed as of the encoding date gets its
 * documented default — a fixed, clinically neutral constant (ECOG 1, eGFR 90 mL/min, normal lab values),
 * never a statistic of a training population — and its {@code <name>_missing} indicator is set to 1.
 * A binary feature whose status is unknown (no molecular report as of the date, a biomarker not
 * tested or inconclusive, unknown smoking status or histology) is 0 and listed as imputed, so "unknown"
 * is never silently read as "negative"; {@code molecular_report_missing} says whether any report was
 * available. Every imputed feature is listed in {@link FeatureVector#imputed()}.
 *
 * <p><b>Time.</b> Only data dated on or before the encoding date are used: ECOG within
 * {@value #ECOG_LOOKBACK_DAYS} days and labs within {@value #LAB_LOOKBACK_DAYS} days (the latest in that
 * window; older ones count as missing), the molecular report if dated on or before it, and therapy lines
 * started strictly before it (a line starting on the date is the one being decided); a prior line's
 * toxicity counts only once the line's outcome is known (ended by the date, or ongoing with the record
 * current). Undated profile facts (sex, staging and metastatic sites, histology, lifestyle) are taken
 * as recorded.
 */
public final class FeatureSchema {

    /** Version of the feature definitions; change it whenever a name, meaning or default changes. */
    public static final String VERSION = "features-v1";
    public static final String MISSING_SUFFIX = "_missing";
    /** Labs older than this many days before the encoding date count as missing. */
    public static final int LAB_LOOKBACK_DAYS = 90;
    /** ECOG assessments older than this many days before the encoding date count as missing. */
    public static final int ECOG_LOOKBACK_DAYS = 180;
    /** TMB-high threshold, mutations per megabase (FDA tumour-agnostic pembrolizumab label). */
    public static final double TMB_HIGH_MUT_PER_MB = 10;
    /** Days per year and per month used for ages and intervals. */
    public static final double DAYS_PER_YEAR = 365.25;
    public static final double DAYS_PER_MONTH = DAYS_PER_YEAR / 12;

    private static final FeatureSchema V1 = new FeatureSchema(buildV1());

    private final List<FeatureSpec> specs;
    private final Map<String, FeatureSpec> byName;

    private FeatureSchema(List<FeatureSpec> specs) {
        this.specs = List.copyOf(specs);
        Map<String, FeatureSpec> map = new LinkedHashMap<>();
        for (FeatureSpec spec : specs) {
            if (map.put(spec.name(), spec) != null) {
                throw new IllegalStateException("duplicate feature name " + spec.name());
            }
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    /** The current schema. */
    public static FeatureSchema v1() {
        return V1;
    }

    public String version() {
        return VERSION;
    }

    /** Every feature, in vector order. */
    public List<FeatureSpec> features() {
        return specs;
    }

    /** Every feature name, in vector order. */
    public List<String> names() {
        return specs.stream().map(FeatureSpec::name).toList();
    }

    public int size() {
        return specs.size();
    }

    public Optional<FeatureSpec> spec(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    FeatureSpec require(String name) {
        FeatureSpec spec = byName.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown feature " + name);
        }
        return spec;
    }

    /**
     * A Markdown description of the schema for the model card: version, missing-value and time rules,
     * and a table of name, unit, default and description.
     */
    public String describe() {
        StringBuilder md = new StringBuilder();
        md.append("Feature schema ").append(VERSION).append(" (").append(specs.size()).append(" features)\n\n");
        md.append("Missing values: numeric features take the documented default and set `<name>_missing` to 1; "
                + "unknown biomarkers are 0 and listed as imputed. Defaults are fixed clinical constants, "
                + "not training-population statistics.\n");
        md.append("No look-ahead: only data dated on or before the encoding date; ECOG within ")
                .append(ECOG_LOOKBACK_DAYS).append(" days, labs within ").append(LAB_LOOKBACK_DAYS)
                .append(" days; therapy lines started before the date.\n\n");
        md.append("| feature | unit | default | description |\n|---|---|---|---|\n");
        for (FeatureSpec spec : specs) {
            md.append("| `").append(spec.name()).append("` | ").append(spec.unit()).append(" | ")
                    .append(spec.kind() == Kind.NUMERIC ? formatDefault(spec.defaultValue()) : "0")
                    .append(" | ").append(spec.description()).append(" |\n");
        }
        return md.toString();
    }

    private static String formatDefault(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    // ---------------------------------------------------------------------------------------------

    private static List<FeatureSpec> buildV1() {
        List<FeatureSpec> s = new ArrayList<>();
        numeric(s, "age_years", "years", 65,
                "age as of the date: age at diagnosis + time since diagnosis (else from birth date)");
        binary(s, "sex_female", "0/1", "administrative sex female");
        numeric(s, "ecog", "ECOG 0-4", 1, "latest ECOG performance status within the look-back window");
        numeric(s, "egfr_ml_min", "mL/min/1.73 m²", 90, "latest estimated GFR within the lab look-back window");
        numeric(s, "bilirubin_mg_dl", "mg/dL", 0.6, "latest total bilirubin within the lab look-back window");
        numeric(s, "alt_u_l", "U/L", 25, "latest alanine aminotransferase within the lab look-back window");
        numeric(s, "anc_1e9_l", "10^9/L", 4.0, "latest absolute neutrophil count within the lab look-back window");
        numeric(s, "hemoglobin_g_dl", "g/dL", 13.0, "latest haemoglobin within the lab look-back window");
        binary(s, "smoking_current", "0/1", "current smoker (unknown status: 0, imputed)");
        binary(s, "smoking_former", "0/1", "former smoker (unknown status: 0, imputed)");
        numeric(s, "pack_years", "pack-years", 0,
                "pack-years; 0 for never-smokers; missing for smokers without a recorded value or unknown status");
        numeric(s, "bmi", "kg/m²", 25, "body-mass index");
        binary(s, "stage_iv", "0/1", "AJCC stage group IV (IVA/IVB/IVC) or M1 category");
        count(s, "n_metastatic_sites", "count", "number of distinct recorded metastatic sites");
        binary(s, "brain_mets", "0/1", "brain among the metastatic sites");
        binary(s, "liver_mets", "0/1", "liver among the metastatic sites");
        binary(s, "squamous_histology", "0/1",
                "squamous morphology (ICD-O-3 807x, 8083, 8084, 8052; BiomarkerInterpreter); unknown: 0, imputed");
        numeric(s, "months_since_diagnosis", "months", 0,
                "time from diagnosis to the date (missing when undated or dated after it)");
        oneHot(s, "cancer_nsclc", "cancer type NSCLC");
        oneHot(s, "cancer_colorectal", "cancer type colorectal");
        oneHot(s, "cancer_breast", "cancer type breast");
        oneHot(s, "cancer_other", "cancer type other or unspecified");
        binary(s, "molecular_report_missing", "0/1", "no molecular report dated on or before the date");
        binary(s, "bm_egfr_activating", "0/1", "EGFR activating (sensitising) mutation");
        binary(s, "bm_alk_fusion", "0/1", "ALK fusion");
        binary(s, "bm_kras_g12c", "0/1", "KRAS p.G12C");
        binary(s, "bm_braf_v600e", "0/1", "BRAF p.V600E");
        binary(s, "bm_msi_h", "0/1", "MSI-high");
        binary(s, "bm_tmb_high", "0/1", "TMB ≥ " + (int) TMB_HIGH_MUT_PER_MB + " mut/Mb");
        binary(s, "bm_pdl1_ge_50", "0/1", "PD-L1 TPS ≥ 50%");
        binary(s, "bm_pdl1_1_49", "0/1", "PD-L1 TPS 1–49%");
        binary(s, "bm_her2_positive", "0/1", "HER2-positive, ASCO/CAP 2018");
        binary(s, "bm_hr_positive", "0/1", "ER or PR ≥ 1%");
        binary(s, "bm_ras_wild_type", "0/1", "no pathogenic KRAS/NRAS variant");
        numeric(s, "pdl1_tps", "%", 0, "PD-L1 tumour proportion score from the molecular report");
        numeric(s, "tmb", "mut/Mb", 0, "tumour mutational burden from the molecular report");
        count(s, "prior_lines", "count", "therapy lines started before the date");
        binary(s, "prior_io", "0/1", "an earlier line contained a PD-1/PD-L1 inhibitor");
        binary(s, "prior_platinum", "0/1", "an earlier line contained a platinum agent");
        binary(s, "prior_grade3_toxicity", "0/1",
                "an earlier line with a known outcome had a CTCAE grade ≥ 3 adverse event");
        binary(s, "prior_irae_grade3", "0/1",
                "an earlier line with a known outcome had an immune-related grade ≥ 3 adverse event");
        return s;
    }

    private static void numeric(List<FeatureSpec> s, String name, String unit, double defaultValue, String description) {
        s.add(new FeatureSpec(name, unit, description + " (default " + formatDefault(defaultValue) + " when missing)",
                defaultValue, Kind.NUMERIC));
        s.add(new FeatureSpec(name + MISSING_SUFFIX, "0/1", "1 when " + name + " was missing and its default used",
                0, Kind.MISSING_INDICATOR));
    }

    private static void binary(List<FeatureSpec> s, String name, String unit, String description) {
        s.add(new FeatureSpec(name, unit, description, 0, Kind.BINARY));
    }

    private static void oneHot(List<FeatureSpec> s, String name, String description) {
        s.add(new FeatureSpec(name, "0/1", description, 0, Kind.ONE_HOT));
    }

    private static void count(List<FeatureSpec> s, String name, String unit, String description) {
        s.add(new FeatureSpec(name, unit, description, 0, Kind.COUNT));
    }
}
