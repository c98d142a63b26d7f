package org.oncopredict.efficacy.catalogue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.oncopredict.proto.profile.v1.CancerConditionOrBuilder;
import org.oncopredict.proto.profile.v1.ClinicalSignificance;
import org.oncopredict.proto.profile.v1.Fusion;
import org.oncopredict.proto.profile.v1.GenomicsOrBuilder;
import org.oncopredict.proto.profile.v1.Her2Ihc;
import org.oncopredict.proto.profile.v1.IshResult;
import org.oncopredict.proto.profile.v1.MsiStatus;
import org.oncopredict.proto.profile.v1.PatientProfileOrBuilder;
import org.oncopredict.proto.profile.v1.Variant;

/**
 * The one place where profile data become biomarker statuses, shared by eligibility (and by anyone
 * else who needs "is this tumour EGFR-mutant?"). Definitions:
 * <ul>
 *   <li><b>Counted variants</b>: only pathogenic or likely pathogenic variants; variants of
 *       uncertain significance and benign ones never make a biomarker positive. Protein changes are
 *       read in one- or three-letter HGVS ({@code p.L858R} = {@code p.Leu858Arg}).</li>
 *   <li><b>EGFR activating</b> (sensitising to EGFR TKIs): exon 19 in-frame deletion (deletion or
 *       deletion-insertion within codons 729–761, e.g. p.E746_A750del), L858R, L861Q, S768I or G719X.
 *       T790M alone and exon 20 insertions are not sensitising.</li>
 *   <li><b>ALK fusion</b>: a fusion with ALK as 3' partner (e.g. EML4::ALK).</li>
 *   <li><b>KRAS p.G12C</b>, <b>BRAF p.V600E</b>: that exact protein change.</li>
 *   <li><b>RAS wild type</b>: no counted KRAS or NRAS variant in the report (the report is assumed to
 *       cover extended RAS testing, exons 2–4, as guidelines require before anti-EGFR antibodies).</li>
 *   <li><b>MSI-H</b>: MSI status MSI-H; MSS and MSI-L are negative; not reported is unknown.</li>
 *   <li><b>HER2</b> (ASCO/CAP 2018): positive = IHC 3+, or IHC 2+ with positive ISH (or, without IHC,
 *       positive ISH); negative = IHC 0/1+, or IHC 2+ with negative ISH; IHC 2+ without a conclusive
 *       ISH is unknown. <b>HER2-low</b> (DESTINY-Breast04) = IHC 1+, or IHC 2+ with negative ISH.</li>
 *   <li><b>HR-positive</b> (ASCO/CAP 2020): ER ≥ 1% or PR ≥ 1%; negative only when both were
 *       measured below 1%.</li>
 *   <li><b>PD-L1 TPS ≥ 1% / ≥ 50%</b>: tumour proportion score; unknown when not measured.</li>
 *   <li><b>Squamous histology</b>: ICD-O-3 morphology 807x, 8083, 8084 or 8052 (squamous cell
 *       carcinoma and variants), read from the cancer condition, not from the molecular report.</li>
 * </ul>
 * No look-ahead: molecular biomarkers come only from a report dated on or before the evaluation date;
 * without one they are {@link BiomarkerStatus#UNKNOWN}, never negative.
 */
public final class BiomarkerInterpreter {

    private static final Set<ClinicalSignificance> COUNTED = Set.of(
            ClinicalSignificance.CLINICAL_SIGNIFICANCE_PATHOGENIC,
            ClinicalSignificance.CLINICAL_SIGNIFICANCE_LIKELY_PATHOGENIC);
    private static final Set<String> EGFR_POINT_MUTATIONS = Set.of("p.L858R", "p.L861Q", "p.S768I");
    private static final Pattern EGFR_G719X = Pattern.compile("^p\\.G719[ACSD]$");
    private static final Pattern IN_FRAME_DELETION = Pattern.compile("^p\\.[A-Z](\\d+)_[A-Z](\\d+)del(ins[A-Z]+)?$");
    private static final int EGFR_EXON_19_FIRST_CODON = 729;
    private static final int EGFR_EXON_19_LAST_CODON = 761;
    private static final Set<String> SQUAMOUS_MORPHOLOGIES = Set.of("8052", "8083", "8084");
    private static final Map<String, String> AMINO_ACIDS = Map.ofEntries(
            Map.entry("Ala", "A"), Map.entry("Arg", "R"), Map.entry("Asn", "N"), Map.entry("Asp", "D"),
            Map.entry("Cys", "C"), Map.entry("Gln", "Q"), Map.entry("Glu", "E"), Map.entry("Gly", "G"),
            Map.entry("His", "H"), Map.entry("Ile", "I"), Map.entry("Leu", "L"), Map.entry("Lys", "K"),
            Map.entry("Met", "M"), Map.entry("Phe", "F"), Map.entry("Pro", "P"), Map.entry("Ser", "S"),
            Map.entry("Thr", "T"), Map.entry("Trp", "W"), Map.entry("Tyr", "Y"), Map.entry("Val", "V"),
            Map.entry("Ter", "*"));
    private static final Pattern THREE_LETTER = Pattern.compile(String.join("|", AMINO_ACIDS.keySet()));

    private BiomarkerInterpreter() {
    }

    /**
     * The status of a biomarker for a patient as of a date, using only a molecular report dated on or
     * before {@code asOf}.
     */
    public static BiomarkerFinding interpret(Biomarker biomarker, PatientProfileOrBuilder profile, LocalDate asOf) {
        Objects.requireNonNull(biomarker, "biomarker");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(asOf, "asOf");
        if (biomarker == Biomarker.SQUAMOUS_HISTOLOGY) {
            return squamousHistology(profile.getCancer());
        }
        GenomicsOrBuilder genomics = profile.getGenomics();
        Optional<LocalDate> reportDate = IsoDates.date(genomics.getReportDate());
        if (reportDate.isEmpty()) {
            return new BiomarkerFinding(biomarker, BiomarkerStatus.UNKNOWN, "no dated molecular report on record");
        }
        if (reportDate.get().isAfter(asOf)) {
            return new BiomarkerFinding(biomarker, BiomarkerStatus.UNKNOWN,
                    "molecular report dated " + reportDate.get() + " is after " + asOf);
        }
        BiomarkerFinding finding = fromReport(biomarker, genomics);
        return new BiomarkerFinding(biomarker, finding.status(),
                finding.evidence() + ", report " + reportDate.get());
    }

    /** The status of a molecular biomarker from a report, regardless of its date. */
    public static BiomarkerFinding fromReport(Biomarker biomarker, GenomicsOrBuilder genomics) {
        return switch (biomarker) {
            case EGFR_ACTIVATING -> egfrActivating(genomics);
            case ALK_FUSION -> alkFusion(genomics);
            case KRAS_G12C -> proteinChange(biomarker, genomics, "KRAS", "p.G12C");
            case BRAF_V600E -> proteinChange(biomarker, genomics, "BRAF", "p.V600E");
            case RAS_WILD_TYPE -> rasWildType(genomics);
            case MSI_H -> msiHigh(genomics);
            case HER2_POSITIVE, HER2_NEGATIVE, HER2_LOW -> her2(biomarker, genomics);
            case HR_POSITIVE -> hormoneReceptorPositive(genomics);
            case PDL1_TPS_AT_LEAST_1 -> pdl1(biomarker, genomics, 1);
            case PDL1_TPS_AT_LEAST_50 -> pdl1(biomarker, genomics, 50);
            case SQUAMOUS_HISTOLOGY -> throw new IllegalArgumentException("histology is not in the molecular report");
        };
    }

    private static BiomarkerFinding egfrActivating(GenomicsOrBuilder genomics) {
        List<Variant> egfr = counted(genomics, "EGFR");
        Optional<Variant> activating = egfr.stream().filter(v -> isEgfrActivating(protein(v))).findFirst();
        if (activating.isPresent()) {
            return positive(Biomarker.EGFR_ACTIVATING, describe(activating.get()));
        }
        String others = egfr.isEmpty() ? "" : "; " + egfr.stream().map(BiomarkerInterpreter::describe)
                .collect(Collectors.joining(", ")) + " not sensitising";
        return negative(Biomarker.EGFR_ACTIVATING, "no activating EGFR variant" + others);
    }

    /** Exon 19 in-frame deletion, L858R, L861Q, S768I or G719X (one-letter HGVS). */
    static boolean isEgfrActivating(String protein) {
        if (EGFR_POINT_MUTATIONS.contains(protein) || EGFR_G719X.matcher(protein).matches()) {
            return true;
        }
        Matcher deletion = IN_FRAME_DELETION.matcher(protein);
        return deletion.matches()
                && Integer.parseInt(deletion.group(1)) >= EGFR_EXON_19_FIRST_CODON
                && Integer.parseInt(deletion.group(2)) <= EGFR_EXON_19_LAST_CODON;
    }

    private static BiomarkerFinding alkFusion(GenomicsOrBuilder genomics) {
        return genomics.getFusionsList().stream()
                .filter(f -> f.getGene3P().equals("ALK"))
                .findFirst()
                .map(f -> positive(Biomarker.ALK_FUSION, fusion(f) + " fusion"))
                .orElseGet(() -> negative(Biomarker.ALK_FUSION, "no ALK fusion"));
    }

    private static BiomarkerFinding proteinChange(Biomarker biomarker, GenomicsOrBuilder genomics, String gene,
                                                  String change) {
        return counted(genomics, gene).stream()
                .filter(v -> protein(v).equals(change))
                .findFirst()
                .map(v -> positive(biomarker, describe(v)))
                .orElseGet(() -> negative(biomarker, "no " + gene + " " + change));
    }

    private static BiomarkerFinding rasWildType(GenomicsOrBuilder genomics) {
        List<Variant> ras = genomics.getVariantsList().stream()
                .filter(v -> COUNTED.contains(v.getClinicalSignificance()))
                .filter(v -> v.getGene().equals("KRAS") || v.getGene().equals("NRAS"))
                .toList();
        if (ras.isEmpty()) {
            return positive(Biomarker.RAS_WILD_TYPE, "no pathogenic KRAS/NRAS variant");
        }
        return negative(Biomarker.RAS_WILD_TYPE,
                ras.stream().map(BiomarkerInterpreter::describe).collect(Collectors.joining(", ")));
    }

    private static BiomarkerFinding msiHigh(GenomicsOrBuilder genomics) {
        MsiStatus msi = genomics.getMsiStatus();
        return switch (msi) {
            case MSI_STATUS_MSI_H -> positive(Biomarker.MSI_H, "MSI-H");
            case MSI_STATUS_MSS -> negative(Biomarker.MSI_H, "MSS");
            case MSI_STATUS_MSI_L -> negative(Biomarker.MSI_H, "MSI-L");
            default -> unknown(Biomarker.MSI_H, "MSI status not reported");
        };
    }

    private enum Her2Category { POSITIVE, LOW, ZERO, UNKNOWN }

    private static BiomarkerFinding her2(Biomarker biomarker, GenomicsOrBuilder genomics) {
        Her2Ihc ihc = genomics.getHer2Ihc();
        IshResult ish = genomics.getHer2Ish();
        Her2Category category = switch (ihc) {
            case HER2_IHC_3_PLUS -> Her2Category.POSITIVE;
            case HER2_IHC_2_PLUS -> ish == IshResult.ISH_RESULT_POSITIVE ? Her2Category.POSITIVE
                    : ish == IshResult.ISH_RESULT_NEGATIVE ? Her2Category.LOW : Her2Category.UNKNOWN;
            case HER2_IHC_1_PLUS -> Her2Category.LOW;
            case HER2_IHC_0 -> Her2Category.ZERO;
            default -> ish == IshResult.ISH_RESULT_POSITIVE ? Her2Category.POSITIVE : Her2Category.UNKNOWN;
        };
        String evidence = her2Evidence(ihc, ish);
        if (category == Her2Category.UNKNOWN) {
            return unknown(biomarker, evidence);
        }
        boolean holds = switch (biomarker) {
            case HER2_POSITIVE -> category == Her2Category.POSITIVE;
            case HER2_NEGATIVE -> category != Her2Category.POSITIVE;
            case HER2_LOW -> category == Her2Category.LOW;
            default -> throw new IllegalArgumentException("not a HER2 biomarker: " + biomarker);
        };
        return holds ? positive(biomarker, evidence) : negative(biomarker, evidence);
    }

    private static String her2Evidence(Her2Ihc ihc, IshResult ish) {
        String ihcText = switch (ihc) {
            case HER2_IHC_0 -> "HER2 IHC 0";
            case HER2_IHC_1_PLUS -> "HER2 IHC 1+";
            case HER2_IHC_2_PLUS -> "HER2 IHC 2+";
            case HER2_IHC_3_PLUS -> "HER2 IHC 3+";
            default -> "HER2 IHC not reported";
        };
        String ishText = switch (ish) {
            case ISH_RESULT_POSITIVE -> ", ISH positive";
            case ISH_RESULT_NEGATIVE -> ", ISH negative";
            case ISH_RESULT_EQUIVOCAL -> ", ISH equivocal";
            default -> ihc == Her2Ihc.HER2_IHC_2_PLUS ? ", no ISH result" : "";
        };
        return ihcText + ishText;
    }

    private static BiomarkerFinding hormoneReceptorPositive(GenomicsOrBuilder genomics) {
        String evidence = "ER " + (genomics.hasErPercent() ? Format.number(genomics.getErPercent()) + "%" : "not reported")
                + ", PR " + (genomics.hasPrPercent() ? Format.number(genomics.getPrPercent()) + "%" : "not reported");
        boolean erPositive = genomics.hasErPercent() && genomics.getErPercent() >= 1;
        boolean prPositive = genomics.hasPrPercent() && genomics.getPrPercent() >= 1;
        if (erPositive || prPositive) {
            return positive(Biomarker.HR_POSITIVE, evidence);
        }
        if (genomics.hasErPercent() && genomics.hasPrPercent()) {
            return negative(Biomarker.HR_POSITIVE, evidence);
        }
        return unknown(Biomarker.HR_POSITIVE, evidence);
    }

    private static BiomarkerFinding pdl1(Biomarker biomarker, GenomicsOrBuilder genomics, double threshold) {
        if (!genomics.hasPdl1TpsPercent()) {
            return unknown(biomarker, "PD-L1 TPS not reported");
        }
        double tps = genomics.getPdl1TpsPercent();
        String evidence = "PD-L1 TPS " + Format.number(tps) + "%";
        return tps >= threshold ? positive(biomarker, evidence) : negative(biomarker, evidence);
    }

    private static BiomarkerFinding squamousHistology(CancerConditionOrBuilder cancer) {
        String code = cancer.getHistologyCode();
        if (code.isBlank()) {
            return unknown(Biomarker.SQUAMOUS_HISTOLOGY, "histology not recorded");
        }
        String morphology = code.length() >= 4 ? code.substring(0, 4) : code;
        boolean squamous = morphology.startsWith("807") || SQUAMOUS_MORPHOLOGIES.contains(morphology);
        return squamous
                ? positive(Biomarker.SQUAMOUS_HISTOLOGY, "histology " + code + " (squamous)")
                : negative(Biomarker.SQUAMOUS_HISTOLOGY, "histology " + code + " (non-squamous)");
    }

    // ---------------------------------------------------------------------------------------------

    private static List<Variant> counted(GenomicsOrBuilder genomics, String gene) {
        return genomics.getVariantsList().stream()
                .filter(v -> v.getGene().equals(gene) && COUNTED.contains(v.getClinicalSignificance()))
                .toList();
    }

    /** The protein change in one-letter HGVS ("p.Leu858Arg" → "p.L858R"). */
    static String protein(Variant variant) {
        return THREE_LETTER.matcher(variant.getHgvsP().trim()).replaceAll(m -> AMINO_ACIDS.get(m.group()));
    }

    private static String describe(Variant v) {
        String significance = v.getClinicalSignificance() == ClinicalSignificance.CLINICAL_SIGNIFICANCE_PATHOGENIC
                ? "pathogenic" : "likely pathogenic";
        return v.getGene() + " " + (v.getHgvsP().isBlank() ? v.getHgvsC() : v.getHgvsP()) + " (" + significance + ")";
    }

    private static String fusion(Fusion f) {
        return f.getGene5P() + "::" + f.getGene3P();
    }

    private static BiomarkerFinding positive(Biomarker b, String evidence) {
        return new BiomarkerFinding(b, BiomarkerStatus.POSITIVE, evidence);
    }

    private static BiomarkerFinding negative(Biomarker b, String evidence) {
        return new BiomarkerFinding(b, BiomarkerStatus.NEGATIVE, evidence);
    }

    private static BiomarkerFinding unknown(Biomarker b, String evidence) {
        return new BiomarkerFinding(b, BiomarkerStatus.UNKNOWN, evidence);
    }
}
