package org.oncopredict.cohortsim;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.oncopredict.cohortsim.Drug.DrugClass;
import org.oncopredict.cohortsim.truth.Biomarkers;
import org.oncopredict.cohortsim.truth.Covariates;
import org.oncopredict.cohortsim.truth.Her2Status;

import static org.oncopredict.cohortsim.Regimen.*;

/**
 * Treatment assignment: the probability of each candidate regimen given the covariates at a line's
 * start. Candidates are the regimens of the patient's cancer type not given in an earlier line.
 *
 * <p>{@link AssignmentMode#RANDOMISED}: uniform over the candidates.
 *
 * <p>{@link AssignmentMode#CONFOUNDED}: guideline-like preference scores s_r (log-odds units) encode
 * practice — targeted therapy for a driver, pembrolizumab by PD-L1, carboplatin rather than
 * cisplatin for the old or renally impaired, best supportive care for ECOG ≥ 3, switching backbone
 * in second line — and
 * <pre>
 *   P(r | x) = (1 − ε) · exp(s_r) / Σ_q exp(s_q) + ε / |candidates|,   ε = {@value #UNIFORM_FLOOR}
 * </pre>
 * The uniform floor guarantees positivity: every candidate has propensity ≥ ε / |candidates| for
 * every patient, so treatment effects are identifiable (overlap), while choices against the
 * guideline stay rare. The scores depend on the covariates only (no hidden variable), so
 * conditioning on {@link Covariates} removes all confounding.
 */
public final class TreatmentPolicy {

    /** Weight ε of the uniform component in confounded mode. */
    public static final double UNIFORM_FLOOR = 0.06;

    private TreatmentPolicy() {
    }

    /** The regimens that may be given at this line: the cancer type's regimens minus earlier ones. */
    public static List<Regimen> candidates(Covariates x) {
        return Regimen.forCancerType(x.cancerType()).stream().filter(r -> !x.priorRegimens().contains(r)).toList();
    }

    /** Assignment probabilities of every candidate (they sum to 1), in {@link Regimen} order. */
    public static Map<Regimen, Double> probabilities(Covariates x, AssignmentMode mode) {
        List<Regimen> candidates = candidates(x);
        Map<Regimen, Double> p = new EnumMap<>(Regimen.class);
        if (mode == AssignmentMode.RANDOMISED) {
            candidates.forEach(r -> p.put(r, 1.0 / candidates.size()));
            return Collections.unmodifiableMap(p);
        }
        Map<Regimen, Double> scores = scores(x);
        double max = candidates.stream().mapToDouble(scores::get).max().orElseThrow();
        double total = 0;
        for (Regimen r : candidates) {
            double w = StrictMath.exp(scores.get(r) - max);
            p.put(r, w);
            total += w;
        }
        for (Regimen r : candidates) {
            p.put(r, (1 - UNIFORM_FLOOR) * p.get(r) / total + UNIFORM_FLOOR / candidates.size());
        }
        return Collections.unmodifiableMap(p);
    }

    /** Guideline preference scores (log-odds) of every regimen of the cancer type; 0 is neutral. */
    static Map<Regimen, Double> scores(Covariates x) {
        Map<Regimen, Double> s = new EnumMap<>(Regimen.class);
        Regimen.forCancerType(x.cancerType()).forEach(r -> s.put(r, 0.0));
        switch (x.cancerType()) {
            case CANCER_TYPE_NSCLC -> nsclc(x, s);
            case CANCER_TYPE_COLORECTAL -> colorectal(x, s);
            case CANCER_TYPE_BREAST -> breast(x, s);
            default -> throw new IllegalArgumentException("not simulated: " + x.cancerType());
        }
        // Frailty: best supportive care for ECOG ≥ 3, considered at ECOG 2 and in the very old;
        // intensive combinations (three or more drugs) avoided for the frail.
        s.merge(BEST_SUPPORTIVE_CARE, x.ecog() >= 3 ? 5.5 : x.ecog() == 2 ? 0.5 : -1.5, Double::sum);
        if (x.ageYears() >= 85) {
            s.merge(BEST_SUPPORTIVE_CARE, 1.0, Double::sum);
        }
        if (frail(x)) {
            s.replaceAll((r, v) -> r.drugs().size() >= 3 ? v - 1.5 : v);
        }
        // No checkpoint-inhibitor re-challenge after a severe immune-related toxicity.
        if (x.priorSevereImmuneToxicity()) {
            s.replaceAll((r, v) -> r.isCheckpointInhibitor() ? v - 4 : v);
        }
        return s;
    }

    /** ECOG ≥ 2 or age ≥ 80: single agents and less intensive treatment preferred. */
    private static boolean frail(Covariates x) {
        return x.ecog() >= 2 || x.ageYears() >= 80;
    }

    private static void nsclc(Covariates x, Map<Regimen, Double> s) {
        Biomarkers b = x.biomarkers();
        boolean firstLine = x.lineNumber() == 1;
        boolean priorIo = x.priorDrugClass(DrugClass.PD1_INHIBITOR);
        // Chemotherapy backbone: cisplatin for the young and fit with good renal function.
        double cisplatinFitness = (x.ageYears() < 65 ? 1 : -1) + (x.ecog() >= 2 ? -1.5 : 0)
                + (x.labs().estimatedGfr() < 60 ? -2.5 : 0);
        if (b.egfrSensitising() || b.alkFusion()) {
            boolean tkiGiven = x.priorDrugClass(DrugClass.EGFR_TKI) || x.priorDrugClass(DrugClass.ALK_TKI);
            if (b.egfrSensitising()) {
                s.put(OSIMERTINIB, 5.0);
                s.put(GEFITINIB, tkiGiven ? -2.0 : 3.0);
            } else {
                s.put(ALECTINIB, 5.0);
                s.put(CRIZOTINIB, tkiGiven ? -2.0 : 2.5);
            }
            // After the TKI: platinum doublet.
            s.put(CARBOPLATIN_PEMETREXED, tkiGiven ? 4.0 : 1.0);
            s.put(CISPLATIN_PEMETREXED, (tkiGiven ? 3.5 : 0.5) + cisplatinFitness);
            s.put(PEMBROLIZUMAB_CARBOPLATIN_PEMETREXED, tkiGiven ? 1.0 : -0.5);
            s.put(PEMBROLIZUMAB, -1.5);
            s.put(DOCETAXEL, firstLine ? -1.0 : 1.5);
            s.put(SOTORASIB, -3.0);
            for (Regimen tki : List.of(OSIMERTINIB, GEFITINIB, ALECTINIB, CRIZOTINIB)) {
                boolean matchesDriver = tki.contains(b.egfrSensitising() ? DrugClass.EGFR_TKI : DrugClass.ALK_TKI);
                if (!matchesDriver) {
                    s.put(tki, -2.5);
                }
            }
        } else {
            double tps = b.pdl1TpsPercent().orElse(0);
            s.put(PEMBROLIZUMAB, (tps >= 50 ? 4.0 : tps >= 1 ? 1.5 : -0.5) + (frail(x) ? 1.0 : 0));
            s.put(PEMBROLIZUMAB_CARBOPLATIN_PEMETREXED, tps >= 50 ? 3.5 : 4.0);
            s.put(CARBOPLATIN_PEMETREXED, 1.5);
            s.put(CISPLATIN_PEMETREXED, 1.0 + cisplatinFitness);
            s.put(SOTORASIB, b.krasG12c() ? (firstLine ? 0.5 : 4.0) : -2.0);
            s.put(DOCETAXEL, firstLine ? -1.0 : 3.0);
            for (Regimen tki : List.of(OSIMERTINIB, GEFITINIB, ALECTINIB, CRIZOTINIB)) {
                s.put(tki, -2.5);
            }
            if (priorIo) {
                s.merge(PEMBROLIZUMAB, -5.0, Double::sum);
                s.merge(PEMBROLIZUMAB_CARBOPLATIN_PEMETREXED, -4.0, Double::sum);
                // After pembrolizumab alone, a platinum doublet; after chemo-immunotherapy, docetaxel.
                s.merge(CARBOPLATIN_PEMETREXED, x.priorDrugClass(DrugClass.PLATINUM) ? -1.0 : 2.5, Double::sum);
            } else if (!firstLine) {
                s.merge(PEMBROLIZUMAB, 1.5, Double::sum);
            }
        }
        // Pemetrexed is not active in squamous histology.
        if (x.squamousHistology()) {
            s.replaceAll((r, v) -> r.contains(Drug.PEMETREXED) ? v - 2.5 : v);
            s.merge(PEMBROLIZUMAB, 1.0, Double::sum);
            s.merge(DOCETAXEL, 1.0, Double::sum);
        }
    }

    private static void colorectal(Covariates x, Map<Regimen, Double> s) {
        Biomarkers b = x.biomarkers();
        boolean firstLine = x.lineNumber() == 1;
        boolean priorOxaliplatin = x.priorRegimens().stream().anyMatch(r -> r.contains(Drug.OXALIPLATIN));
        boolean priorIrinotecan = x.priorRegimens().stream().anyMatch(r -> r.contains(Drug.IRINOTECAN));
        s.put(FOLFOX_BEVACIZUMAB, 3.0);
        s.put(FOLFOX, 2.0);
        s.put(FOLFIRI, 1.5);
        s.put(FOLFIRI_CETUXIMAB, b.rasMutant() ? -2.5 : b.brafV600e() ? -1.0 : 3.5);
        s.put(ENCORAFENIB_CETUXIMAB, b.brafV600e() ? (firstLine ? 1.0 : 4.5) : -2.5);
        s.put(PEMBROLIZUMAB, b.msiHigh() ? 5.5 : -2.0);
        // Second line switches the chemotherapy backbone.
        if (priorOxaliplatin) {
            s.merge(FOLFOX, -3.0, Double::sum);
            s.merge(FOLFOX_BEVACIZUMAB, -3.0, Double::sum);
            s.merge(FOLFIRI, 2.0, Double::sum);
            s.merge(FOLFIRI_CETUXIMAB, 1.0, Double::sum);
        }
        if (priorIrinotecan) {
            s.merge(FOLFIRI, -3.0, Double::sum);
            s.merge(FOLFIRI_CETUXIMAB, -3.0, Double::sum);
            s.merge(FOLFOX, 1.0, Double::sum);
            s.merge(FOLFOX_BEVACIZUMAB, 2.0, Double::sum);
        }
    }

    private static void breast(Covariates x, Map<Regimen, Double> s) {
        Biomarkers b = x.biomarkers();
        boolean firstLine = x.lineNumber() == 1;
        boolean priorTaxane = x.priorDrugClass(DrugClass.TAXANE);
        boolean her2Low = b.her2() == Her2Status.LOW;
        if (b.her2Positive()) {
            s.put(PERTUZUMAB_TRASTUZUMAB_DOCETAXEL, 5.0);
            s.put(TRASTUZUMAB_DERUXTECAN, firstLine ? 1.5 : 5.0);
            s.put(TRASTUZUMAB_EMTANSINE, firstLine ? 0.5 : 2.5);
            s.put(PACLITAXEL, 0.5);
            s.put(CAPECITABINE, firstLine ? -0.5 : 1.5);
            s.put(PALBOCICLIB_LETROZOLE, b.hormoneReceptorPositive() ? 0.5 : -3.0);
            s.put(LETROZOLE, b.hormoneReceptorPositive() ? 0.5 : -3.0);
        } else if (b.hormoneReceptorPositive()) {
            boolean priorEndocrine = x.priorDrugClass(DrugClass.AROMATASE_INHIBITOR);
            s.put(PALBOCICLIB_LETROZOLE, priorEndocrine ? 1.0 : 5.0);
            s.put(LETROZOLE, priorEndocrine ? -1.0 : 2.0 + (frail(x) ? 2.0 : 0));
            // Visceral crisis (liver metastases) favours chemotherapy.
            s.put(PACLITAXEL, (firstLine ? 1.0 : 2.5) + (x.liverMetastases() ? 1.5 : 0));
            s.put(CAPECITABINE, firstLine ? 0.5 : 3.0);
            s.put(TRASTUZUMAB_DERUXTECAN, her2Low ? (firstLine ? 0.0 : 3.5) : -1.0);
            s.put(PERTUZUMAB_TRASTUZUMAB_DOCETAXEL, -2.0);
            s.put(TRASTUZUMAB_EMTANSINE, -2.5);
        } else {
            s.put(PACLITAXEL, 4.0);
            s.put(CAPECITABINE, firstLine ? 2.0 : 3.0);
            s.put(TRASTUZUMAB_DERUXTECAN, her2Low ? (firstLine ? 0.5 : 3.5) : -1.0);
            s.put(PALBOCICLIB_LETROZOLE, -3.0);
            s.put(LETROZOLE, -3.0);
            s.put(PERTUZUMAB_TRASTUZUMAB_DOCETAXEL, -2.5);
            s.put(TRASTUZUMAB_EMTANSINE, -2.5);
        }
        if (priorTaxane) {
            s.merge(PACLITAXEL, -1.5, Double::sum);
            s.merge(PERTUZUMAB_TRASTUZUMAB_DOCETAXEL, -1.5, Double::sum);
        }
    }
}
