package org.oncopredict.cohortsim;

import java.util.ArrayList;
import java.util.List;

import org.oncopredict.proto.profile.v1.CancerCondition;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.ClinicalSignificance;
import org.oncopredict.proto.profile.v1.CopyNumberAlteration;
import org.oncopredict.proto.profile.v1.CopyNumberType;
import org.oncopredict.proto.profile.v1.Fusion;
import org.oncopredict.proto.profile.v1.Genomics;
import org.oncopredict.proto.profile.v1.Her2Ihc;
import org.oncopredict.proto.profile.v1.IshResult;
import org.oncopredict.proto.profile.v1.MetastaticSite;
import org.oncopredict.proto.profile.v1.MsiStatus;
import org.oncopredict.proto.profile.v1.SmokingStatus;
import org.oncopredict.proto.profile.v1.SpecimenType;
import org.oncopredict.proto.profile.v1.Variant;

import static org.oncopredict.cohortsim.Numbers.round;
import static org.oncopredict.proto.profile.v1.MetastaticSite.*;

/**
 * Tumour biology per cancer type: histology, primary site, AJCC 8 staging, metastatic sites and the
 * molecular report. Prevalences follow published series for advanced disease (e.g. EGFR in ~15 % of
 * NSCLC, enriched in never-smokers and women; KRAS G12C ~13 % in smokers; MSI-H ~5 % and BRAF V600E
 * ~8 % of metastatic colorectal cancer; HR+/HER2− ~70 % of breast cancer). Drivers that are mutually
 * exclusive in practice (EGFR/ALK/KRAS; BRAF/KRAS/NRAS) are drawn as one categorical choice.
 */
final class TumourGenerator {

    /**
     * The tumour at diagnosis. The diagnosis and report dates are filled in by the caller.
     *
     * @param condition  cancer condition without diagnosis date
     * @param genomics   molecular report without report date
     * @param meanAge    mean age at diagnosis for this tumour biology (ALK and triple-negative are younger)
     * @param stageIv    metastatic at diagnosis (else stage III, treated after a later recurrence)
     */
    record Tumour(CancerCondition.Builder condition, Genomics.Builder genomics, double meanAge, boolean stageIv) {
    }

    private TumourGenerator() {
    }

    static Tumour generate(CancerType type, boolean female, SmokingStatus smoking, Rng rng) {
        return switch (type) {
            case CANCER_TYPE_NSCLC -> nsclc(female, smoking, rng);
            case CANCER_TYPE_COLORECTAL -> colorectal(rng);
            case CANCER_TYPE_BREAST -> breast(rng);
            default -> throw new IllegalArgumentException("not simulated: " + type);
        };
    }

    // ---------------------------------------------------------------------------------------------

    private enum NsclcDriver { EGFR, ALK, KRAS_G12C, KRAS_OTHER, NONE }

    private static Tumour nsclc(boolean female, SmokingStatus smoking, Rng rng) {
        boolean never = smoking == SmokingStatus.SMOKING_STATUS_NEVER;
        // Adenocarcinoma, squamous, large cell, NOS: squamous histology is tied to smoking.
        int histology = rng.weighted(never ? 0.85 : 0.58, never ? 0.05 : 0.30, 0.03, never ? 0.07 : 0.09);
        boolean squamous = histology == 1;
        double[] driverWeights;
        if (squamous) {
            driverWeights = new double[] {0.02, 0.005, 0.05, 0.03, 0.895};
        } else if (never) {
            driverWeights = new double[] {0.50, 0.15, 0.02, 0.05, 0.28};
        } else if (smoking == SmokingStatus.SMOKING_STATUS_FORMER) {
            driverWeights = new double[] {0.12, 0.03, 0.20, 0.16, 0.49};
        } else {
            driverWeights = new double[] {0.07, 0.02, 0.22, 0.18, 0.51};
        }
        if (female) {
            driverWeights[0] *= 1.4;
        }
        NsclcDriver driver = NsclcDriver.values()[rng.weighted(driverWeights)];

        Genomics.Builder g = Genomics.newBuilder().setSpecimenType(specimen(rng));
        boolean plasma = g.getSpecimenType() == SpecimenType.SPECIMEN_TYPE_PLASMA;
        switch (driver) {
            case EGFR -> g.addVariants(rng.chance(0.55)
                    ? variant("EGFR", "c.2235_2249del", "p.E746_A750del", plasma, rng)
                    : variant("EGFR", "c.2573T>G", "p.L858R", plasma, rng));
            case ALK -> g.addFusions(Fusion.newBuilder().setGene5P("EML4").setGene3P("ALK"));
            case KRAS_G12C -> g.addVariants(variant("KRAS", "c.34G>T", "p.G12C", plasma, rng));
            case KRAS_OTHER -> {
                String[][] kras = {{"c.35G>T", "p.G12V"}, {"c.35G>A", "p.G12D"}, {"c.35G>C", "p.G12A"},
                        {"c.37G>T", "p.G13C"}, {"c.183A>C", "p.Q61H"}};
                String[] v = kras[rng.weighted(0.35, 0.25, 0.15, 0.10, 0.15)];
                g.addVariants(variant("KRAS", v[0], v[1], plasma, rng));
            }
            case NONE -> { }
        }
        if ((driver == NsclcDriver.KRAS_G12C || driver == NsclcDriver.KRAS_OTHER) && rng.chance(0.20)) {
            g.addVariants(variant("STK11", "c.109C>T", "p.Q37*", plasma, rng));
        }
        if (rng.chance(squamous ? 0.80 : 0.45)) {
            g.addVariants(tp53(plasma, rng));
        }
        // PD-L1 TPS: ~35 % < 1 %, ~35 % 1–49 %, ~30 % ≥ 50 %.
        int pdl1Band = rng.weighted(0.35, 0.35, 0.30);
        g.setPdl1TpsPercent(pdl1Band == 0 ? 0 : pdl1Band == 1 ? rng.between(1, 49) : rng.between(50, 100));
        g.setTmbMutPerMb(round(rng.logNormal(never ? 3.0 : 8.0, 0.6), 1));

        boolean stageIv = rng.chance(0.80);
        CancerCondition.Builder c = CancerCondition.newBuilder()
                .setCancerType(CancerType.CANCER_TYPE_NSCLC)
                .setPrimarySiteCode(pick(rng, new String[] {"C34.1", "C34.3", "C34.2", "C34.0", "C34.9"},
                        0.55, 0.30, 0.05, 0.05, 0.05))
                .setHistologyCode(new String[] {"8140/3", "8070/3", "8012/3", "8046/3"}[histology]);
        if (stageIv) {
            boolean driverPositive = driver == NsclcDriver.EGFR || driver == NsclcDriver.ALK;
            List<MetastaticSite> sites = sites(rng, METASTATIC_SITE_PLEURA,
                    chance(METASTATIC_SITE_BRAIN, driverPositive ? 0.35 : 0.22),
                    chance(METASTATIC_SITE_BONE, 0.35),
                    chance(METASTATIC_SITE_LIVER, 0.15),
                    chance(METASTATIC_SITE_ADRENAL, 0.12),
                    chance(METASTATIC_SITE_PLEURA, 0.25),
                    chance(METASTATIC_SITE_LUNG, 0.15),
                    chance(METASTATIC_SITE_DISTANT_LYMPH_NODE, 0.10));
            // AJCC 8: M1a intrathoracic only (pleura, contralateral lung); M1b a single extrathoracic
            // metastasis; M1c multiple extrathoracic metastases in one or several organs.
            long extrathoracic = sites.stream()
                    .filter(s -> s != METASTATIC_SITE_PLEURA && s != METASTATIC_SITE_LUNG).count();
            String m = extrathoracic == 0 ? "M1a" : extrathoracic == 1 && rng.chance(0.5) ? "M1b" : "M1c";
            c.setTCategory(pick(rng, new String[] {"T1b", "T1c", "T2a", "T2b", "T3", "T4"},
                            0.08, 0.12, 0.20, 0.15, 0.20, 0.25))
                    .setNCategory(pick(rng, new String[] {"N0", "N1", "N2", "N3"}, 0.20, 0.15, 0.35, 0.30))
                    .setMCategory(m)
                    .setStageGroup(m.equals("M1c") ? "IVB" : "IVA")
                    .addAllMetastaticSites(sites);
        } else {
            String[][] tnm = {{"T1c", "N2", "IIIA"}, {"T2a", "N2", "IIIA"}, {"T3", "N1", "IIIA"},
                    {"T4", "N0", "IIIA"}, {"T4", "N1", "IIIA"}, {"T2b", "N3", "IIIB"}, {"T3", "N2", "IIIB"},
                    {"T4", "N2", "IIIB"}, {"T3", "N3", "IIIC"}, {"T4", "N3", "IIIC"}};
            stageIii(c, tnm[rng.between(0, tnm.length - 1)]);
        }
        double meanAge = driver == NsclcDriver.ALK ? 55 : driver == NsclcDriver.EGFR ? 63 : 68;
        return new Tumour(c, g, meanAge, stageIv);
    }

    // ---------------------------------------------------------------------------------------------

    private static Tumour colorectal(Rng rng) {
        boolean msiHigh = rng.chance(0.05);
        Genomics.Builder g = Genomics.newBuilder().setSpecimenType(specimen(rng))
                .setMsiStatus(msiHigh ? MsiStatus.MSI_STATUS_MSI_H : MsiStatus.MSI_STATUS_MSS);
        boolean plasma = g.getSpecimenType() == SpecimenType.SPECIMEN_TYPE_PLASMA;
        // BRAF V600E (mostly in sporadic MSI-H), else KRAS, else NRAS: mutually exclusive.
        boolean braf = rng.chance(msiHigh ? 0.40 : 0.065);
        if (braf) {
            g.addVariants(variant("BRAF", "c.1799T>A", "p.V600E", plasma, rng));
        } else if (rng.chance(0.43)) {
            String[][] kras = {{"c.35G>A", "p.G12D"}, {"c.35G>T", "p.G12V"}, {"c.38G>A", "p.G13D"},
                    {"c.34G>T", "p.G12C"}, {"c.35G>C", "p.G12A"}, {"c.34G>A", "p.G12S"}};
            String[] v = kras[rng.weighted(0.35, 0.25, 0.17, 0.08, 0.07, 0.08)];
            g.addVariants(variant("KRAS", v[0], v[1], plasma, rng));
        } else if (rng.chance(0.07)) {
            g.addVariants(rng.chance(0.6) ? variant("NRAS", "c.181C>A", "p.Q61K", plasma, rng)
                    : variant("NRAS", "c.182A>G", "p.Q61R", plasma, rng));
        }
        if (rng.chance(msiHigh ? 0.30 : 0.70)) {
            String[][] apc = {{"c.4348C>T", "p.R1450*"}, {"c.2626C>T", "p.R876*"}, {"c.3927_3931del", "p.E1309Dfs*4"}};
            String[] v = apc[rng.between(0, apc.length - 1)];
            g.addVariants(variant("APC", v[0], v[1], plasma, rng));
        }
        if (rng.chance(msiHigh ? 0.25 : 0.60)) {
            g.addVariants(tp53(plasma, rng));
        }
        if (rng.chance(0.15)) {
            g.addVariants(pik3ca(plasma, rng));
        }
        g.setTmbMutPerMb(round(msiHigh ? rng.logNormal(40, 0.3) : rng.logNormal(4, 0.4), 1));

        boolean rightSided = rng.chance(msiHigh ? 0.70 : 0.30);
        boolean mucinous = rng.chance(msiHigh ? 0.30 : 0.08);
        boolean stageIv = rng.chance(0.80);
        CancerCondition.Builder c = CancerCondition.newBuilder()
                .setCancerType(CancerType.CANCER_TYPE_COLORECTAL)
                .setPrimarySiteCode(rightSided
                        ? pick(rng, new String[] {"C18.0", "C18.2", "C18.4"}, 0.35, 0.45, 0.20)
                        : pick(rng, new String[] {"C18.6", "C18.7", "C19.9", "C20.9"}, 0.15, 0.45, 0.10, 0.30))
                .setHistologyCode(mucinous ? "8480/3" : "8140/3");
        if (stageIv) {
            List<MetastaticSite> sites = sites(rng, METASTATIC_SITE_LIVER,
                    chance(METASTATIC_SITE_LIVER, 0.70),
                    chance(METASTATIC_SITE_LUNG, 0.30),
                    chance(METASTATIC_SITE_PERITONEUM, braf || mucinous ? 0.35 : 0.20),
                    chance(METASTATIC_SITE_DISTANT_LYMPH_NODE, 0.12),
                    chance(METASTATIC_SITE_BONE, 0.05),
                    chance(METASTATIC_SITE_BRAIN, 0.02));
            // AJCC 8: M1a one organ, M1b two or more organs, M1c peritoneal metastases.
            String m = sites.contains(METASTATIC_SITE_PERITONEUM) ? "M1c" : sites.size() == 1 ? "M1a" : "M1b";
            c.setTCategory(pick(rng, new String[] {"T3", "T4a", "T4b"}, 0.50, 0.35, 0.15))
                    .setNCategory(pick(rng, new String[] {"N0", "N1a", "N1b", "N2a", "N2b"}, 0.20, 0.15, 0.20, 0.20, 0.25))
                    .setMCategory(m)
                    .setStageGroup(switch (m) {
                        case "M1a" -> "IVA";
                        case "M1b" -> "IVB";
                        default -> "IVC";
                    })
                    .addAllMetastaticSites(sites);
        } else {
            String[][] tnm = {{"T2", "N1a", "IIIA"}, {"T1", "N2a", "IIIA"}, {"T3", "N1b", "IIIB"},
                    {"T4a", "N1a", "IIIB"}, {"T3", "N2a", "IIIB"}, {"T4a", "N2a", "IIIC"}, {"T3", "N2b", "IIIC"},
                    {"T4b", "N1b", "IIIC"}};
            stageIii(c, tnm[rng.between(0, tnm.length - 1)]);
        }
        return new Tumour(c, g, msiHigh || braf ? 69 : 64, stageIv);
    }

    // ---------------------------------------------------------------------------------------------

    private static Tumour breast(Rng rng) {
        int subtype = rng.weighted(0.70, 0.17, 0.13); // HR+/HER2−, HER2+, triple-negative
        boolean her2Positive = subtype == 1;
        boolean hrPositive = subtype == 0 || (her2Positive && rng.chance(0.5));
        Genomics.Builder g = Genomics.newBuilder().setSpecimenType(specimen(rng));
        boolean plasma = g.getSpecimenType() == SpecimenType.SPECIMEN_TYPE_PLASMA;
        if (hrPositive) {
            int erBand = rng.weighted(0.03, 0.07, 0.90); // ER-low 1–9 %, 10–49 %, ≥ 50 %
            g.setErPercent(erBand == 0 ? rng.between(1, 9) : erBand == 1 ? rng.between(10, 49) : rng.between(50, 100));
            g.setPrPercent(rng.chance(0.70) ? rng.between(1, 100) : 0);
        } else {
            g.setErPercent(0).setPrPercent(0);
        }
        if (her2Positive) {
            if (rng.chance(0.75)) {
                g.setHer2Ihc(Her2Ihc.HER2_IHC_3_PLUS);
            } else {
                g.setHer2Ihc(Her2Ihc.HER2_IHC_2_PLUS).setHer2Ish(IshResult.ISH_RESULT_POSITIVE);
            }
            g.addCopyNumberAlterations(CopyNumberAlteration.newBuilder().setGene("ERBB2")
                    .setType(CopyNumberType.COPY_NUMBER_TYPE_AMPLIFICATION)
                    .setCopyNumber(round(rng.logNormal(12, 0.3), 1)));
        } else {
            int ihc = rng.weighted(0.35, 0.35, 0.30);
            if (ihc == 2) {
                g.setHer2Ihc(Her2Ihc.HER2_IHC_2_PLUS).setHer2Ish(IshResult.ISH_RESULT_NEGATIVE);
            } else {
                g.setHer2Ihc(ihc == 0 ? Her2Ihc.HER2_IHC_0 : Her2Ihc.HER2_IHC_1_PLUS);
            }
        }
        boolean tripleNegative = !hrPositive && !her2Positive;
        if (rng.chance(tripleNegative ? 0.08 : her2Positive ? 0.25 : 0.38)) {
            g.addVariants(pik3ca(plasma, rng));
        }
        if (rng.chance(tripleNegative ? 0.80 : her2Positive ? 0.60 : 0.25)) {
            g.addVariants(tp53(plasma, rng));
        }
        if (tripleNegative) {
            g.setPdl1Cps(rng.chance(0.40) ? rng.between(10, 100) : rng.between(0, 9));
        }
        g.setTmbMutPerMb(round(rng.logNormal(2.5, 0.5), 1));

        String histology = hrPositive && !her2Positive
                ? pick(rng, new String[] {"8500/3", "8520/3", "8522/3"}, 0.80, 0.15, 0.05)
                : pick(rng, new String[] {"8500/3", "8522/3"}, 0.95, 0.05);
        boolean stageIv = rng.chance(0.70);
        CancerCondition.Builder c = CancerCondition.newBuilder()
                .setCancerType(CancerType.CANCER_TYPE_BREAST)
                .setPrimarySiteCode(pick(rng, new String[] {"C50.4", "C50.2", "C50.8", "C50.9"}, 0.45, 0.15, 0.25, 0.15))
                .setHistologyCode(histology);
        if (stageIv) {
            List<MetastaticSite> sites = sites(rng, METASTATIC_SITE_BONE,
                    chance(METASTATIC_SITE_BONE, hrPositive ? 0.70 : 0.45),
                    chance(METASTATIC_SITE_LIVER, 0.35),
                    chance(METASTATIC_SITE_LUNG, 0.30),
                    chance(METASTATIC_SITE_BRAIN, hrPositive && !her2Positive ? 0.07 : 0.20),
                    chance(METASTATIC_SITE_DISTANT_LYMPH_NODE, 0.20),
                    chance(METASTATIC_SITE_PLEURA, 0.10));
            c.setTCategory(pick(rng, new String[] {"T1c", "T2", "T3", "T4b"}, 0.20, 0.40, 0.20, 0.20))
                    .setNCategory(pick(rng, new String[] {"N0", "N1", "N2a", "N3a"}, 0.20, 0.40, 0.20, 0.20))
                    .setMCategory("M1")
                    .setStageGroup("IV")
                    .addAllMetastaticSites(sites);
        } else {
            String[][] tnm = {{"T2", "N2a", "IIIA"}, {"T3", "N1", "IIIA"}, {"T3", "N2a", "IIIA"},
                    {"T4b", "N0", "IIIB"}, {"T4b", "N1", "IIIB"}, {"T4d", "N1", "IIIB"}, {"T2", "N3a", "IIIC"},
                    {"T3", "N3a", "IIIC"}};
            stageIii(c, tnm[rng.between(0, tnm.length - 1)]);
        }
        return new Tumour(c, g, tripleNegative ? 54 : 61, stageIv);
    }

    // ---------------------------------------------------------------------------------------------

    private static void stageIii(CancerCondition.Builder c, String[] tnm) {
        c.setTCategory(tnm[0]).setNCategory(tnm[1]).setMCategory("M0").setStageGroup(tnm[2]);
    }

    private record SiteChance(MetastaticSite site, double probability) {
    }

    private static SiteChance chance(MetastaticSite site, double probability) {
        return new SiteChance(site, probability);
    }

    /**
     * Metastatic sites drawn independently with their probabilities; {@code fallback} when none was
     * drawn, since a stage IV patient has at least one site. Returned in enum order.
     */
    private static List<MetastaticSite> sites(Rng rng, MetastaticSite fallback, SiteChance... chances) {
        List<MetastaticSite> sites = new ArrayList<>();
        for (SiteChance chance : chances) {
            if (rng.chance(chance.probability())) {
                sites.add(chance.site());
            }
        }
        if (sites.isEmpty()) {
            sites.add(fallback);
        }
        sites.sort(null);
        return sites;
    }

    private static SpecimenType specimen(Rng rng) {
        return rng.chance(0.80) ? SpecimenType.SPECIMEN_TYPE_TISSUE : SpecimenType.SPECIMEN_TYPE_PLASMA;
    }

    private static Variant variant(String gene, String hgvsC, String hgvsP, boolean plasma, Rng rng) {
        // Tumour-derived DNA is a small fraction of cell-free DNA, so plasma VAFs are low.
        double vaf = plasma ? rng.uniform(0.005, 0.15) : rng.uniform(0.12, 0.55);
        return Variant.newBuilder().setGene(gene).setHgvsC(hgvsC).setHgvsP(hgvsP).setVaf(round(vaf, 3))
                .setClinicalSignificance(ClinicalSignificance.CLINICAL_SIGNIFICANCE_PATHOGENIC).build();
    }

    private static Variant tp53(boolean plasma, Rng rng) {
        String[][] tp53 = {{"c.524G>A", "p.R175H"}, {"c.743G>A", "p.R248Q"}, {"c.818G>A", "p.R273H"},
                {"c.844C>T", "p.R282W"}, {"c.659A>G", "p.Y220C"}};
        String[] v = tp53[rng.between(0, tp53.length - 1)];
        return variant("TP53", v[0], v[1], plasma, rng);
    }

    private static Variant pik3ca(boolean plasma, Rng rng) {
        String[][] pik3ca = {{"c.3140A>G", "p.H1047R"}, {"c.1633G>A", "p.E545K"}, {"c.1624G>A", "p.E542K"}};
        String[] v = pik3ca[rng.weighted(0.45, 0.35, 0.20)];
        return variant("PIK3CA", v[0], v[1], plasma, rng);
    }

    private static String pick(Rng rng, String[] values, double... weights) {
        return values[rng.weighted(weights)];
    }
}
