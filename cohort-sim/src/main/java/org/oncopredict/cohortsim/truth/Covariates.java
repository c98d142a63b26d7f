package org.oncopredict.cohortsim.truth;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

import org.oncopredict.cohortsim.Drug;
import org.oncopredict.cohortsim.Regimen;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.ClinicalSignificance;
import org.oncopredict.proto.profile.v1.EcogAssessment;
import org.oncopredict.proto.profile.v1.GenomicsOrBuilder;
import org.oncopredict.proto.profile.v1.Her2Ihc;
import org.oncopredict.proto.profile.v1.IshResult;
import org.oncopredict.proto.profile.v1.LabResult;
import org.oncopredict.proto.profile.v1.LabType;
import org.oncopredict.proto.profile.v1.MetastaticSite;
import org.oncopredict.proto.profile.v1.MsiStatus;
import org.oncopredict.proto.profile.v1.PatientProfileOrBuilder;
import org.oncopredict.proto.profile.v1.Sex;
import org.oncopredict.proto.profile.v1.SmokingStatus;
import org.oncopredict.proto.profile.v1.TherapyLine;
import org.oncopredict.proto.profile.v1.Variant;

/**
 * The covariates of one patient at the start of one therapy line: everything the
 * {@link GroundTruthModel} conditions on. Every field is observable in the patient's profile as of
 * the line's start, and {@link #atLineStart(PatientProfileOrBuilder, int)} derives it from any profile
 * (also a de-identified one: only the age at diagnosis and date intervals are used). Hence the
 * ground truth of any profile can be recomputed by a consumer, and there is no unmeasured
 * confounding: the simulator's treatment assignment uses these covariates only.
 *
 * <p>"As of the line's start" means: the latest ECOG and the latest value of each lab dated strictly
 * before the start; biomarkers only from a report dated on or before the start; earlier lines only.
 *
 * @param cancerType                 NSCLC, colorectal or breast
 * @param lineNumber                 1 for first line, 2 for second
 * @param ageYears                   age at diagnosis (whole years) + time from diagnosis to line start
 * @param sex                        administrative sex
 * @param ecog                       ECOG performance status 0–4
 * @param smokingStatus              never / former / current
 * @param packYears                  pack-years, 0 for never-smokers
 * @param squamousHistology          ICD-O-3 morphology 807x (squamous cell carcinoma)
 * @param brainMetastases            brain among the metastatic sites
 * @param liverMetastases            liver among the metastatic sites
 * @param copd                       comorbidity ICD-10 J44.x
 * @param labs                       latest labs before the start
 * @param biomarkers                 tumour biomarkers
 * @param priorRegimens              regimens of earlier lines, in line order
 * @param priorSevereImmuneToxicity  an earlier line had an immune-related toxicity of grade ≥ 3
 */
public record Covariates(
        CancerType cancerType,
        int lineNumber,
        double ageYears,
        Sex sex,
        int ecog,
        SmokingStatus smokingStatus,
        double packYears,
        boolean squamousHistology,
        boolean brainMetastases,
        boolean liverMetastases,
        boolean copd,
        LabPanel labs,
        Biomarkers biomarkers,
        List<Regimen> priorRegimens,
        boolean priorSevereImmuneToxicity) {

    private static final double DAYS_PER_YEAR = 365.25;

    public Covariates {
        Objects.requireNonNull(cancerType, "cancerType");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(smokingStatus, "smokingStatus");
        Objects.requireNonNull(labs, "labs");
        Objects.requireNonNull(biomarkers, "biomarkers");
        priorRegimens = List.copyOf(priorRegimens);
        if (lineNumber < 1) {
            throw new IllegalArgumentException("lineNumber must be >= 1: " + lineNumber);
        }
        if (ecog < 0 || ecog > 4) {
            throw new IllegalArgumentException("ECOG must be 0..4: " + ecog);
        }
    }

    public boolean everSmoker() {
        return smokingStatus == SmokingStatus.SMOKING_STATUS_FORMER
                || smokingStatus == SmokingStatus.SMOKING_STATUS_CURRENT;
    }

    public boolean currentSmoker() {
        return smokingStatus == SmokingStatus.SMOKING_STATUS_CURRENT;
    }

    /** True when an earlier line contained a drug of this class (acquired resistance, re-challenge). */
    public boolean priorDrugClass(Drug.DrugClass drugClass) {
        for (Regimen regimen : priorRegimens) {
            if (regimen.contains(drugClass)) {
                return true;
            }
        }
        return false;
    }

    /** Covariates at the start of the profile's line {@code lineNumber}. */
    public static Covariates atLineStart(PatientProfileOrBuilder profile, int lineNumber) {
        TherapyLine line = profile.getHistory().getTherapyLinesList().stream()
                .filter(l -> l.getLineNumber() == lineNumber)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("profile has no therapy line " + lineNumber));
        return atLineStart(profile, lineNumber, LocalDate.parse(line.getStartDate()));
    }

    /**
     * Covariates for a line numbered {@code lineNumber} starting on {@code start}; the line itself need
     * not be in the profile yet (the simulator calls this before it assigns the regimen).
     *
     * @throws IllegalArgumentException when the profile lacks a diagnosis date, age at diagnosis,
     *                                  an ECOG or one of the five labs before the start, or names a
     *                                  regimen that is not a {@link Regimen}
     */
    public static Covariates atLineStart(PatientProfileOrBuilder profile, int lineNumber, LocalDate start) {
        String startIso = start.toString();
        var cancer = profile.getCancer();
        if (cancer.getDiagnosisDate().isEmpty() || !profile.hasAgeAtDiagnosisYears()) {
            throw new IllegalArgumentException("profile lacks the diagnosis date or age at diagnosis");
        }
        double age = profile.getAgeAtDiagnosisYears()
                + ChronoUnit.DAYS.between(LocalDate.parse(cancer.getDiagnosisDate()), start) / DAYS_PER_YEAR;

        var history = profile.getHistory();
        // ISO-8601 dates compare chronologically as strings.
        int ecog = history.getEcogList().stream()
                .filter(e -> e.getDate().compareTo(startIso) < 0)
                .reduce((a, b) -> b.getDate().compareTo(a.getDate()) >= 0 ? b : a)
                .map(EcogAssessment::getScore)
                .orElseThrow(() -> new IllegalArgumentException("no ECOG before " + startIso));

        Map<LabType, LabResult> latest = new EnumMap<>(LabType.class);
        for (LabResult lab : history.getLabsList()) {
            if (lab.getDate().compareTo(startIso) < 0) {
                latest.merge(lab.getType(), lab, (a, b) -> b.getDate().compareTo(a.getDate()) >= 0 ? b : a);
            }
        }
        LabPanel labs = new LabPanel(lab(latest, LabType.LAB_TYPE_EGFR), lab(latest, LabType.LAB_TYPE_BILIRUBIN),
                lab(latest, LabType.LAB_TYPE_ALT), lab(latest, LabType.LAB_TYPE_ANC),
                lab(latest, LabType.LAB_TYPE_HEMOGLOBIN));

        List<TherapyLine> earlier = history.getTherapyLinesList().stream()
                .filter(l -> l.getLineNumber() < lineNumber)
                .sorted((a, b) -> Integer.compare(a.getLineNumber(), b.getLineNumber()))
                .toList();
        List<Regimen> prior = earlier.stream().map(l -> Regimen.fromId(l.getRegimenId())).toList();
        boolean priorImmuneToxicity = earlier.stream()
                .anyMatch(l -> l.getImmuneRelatedToxicity() && l.getWorstToxicityGrade() >= 3);

        var lifestyle = profile.getLifestyle();
        return new Covariates(
                cancer.getCancerType(),
                lineNumber,
                age,
                profile.getSex(),
                ecog,
                lifestyle.getSmokingStatus(),
                lifestyle.hasPackYears() ? lifestyle.getPackYears() : 0,
                cancer.getHistologyCode().startsWith("807"),
                cancer.getMetastaticSitesList().contains(MetastaticSite.METASTATIC_SITE_BRAIN),
                cancer.getMetastaticSitesList().contains(MetastaticSite.METASTATIC_SITE_LIVER),
                history.getComorbiditiesList().stream().anyMatch(c -> c.getCode().startsWith("J44")),
                labs,
                biomarkers(profile.getGenomics(), startIso),
                prior,
                priorImmuneToxicity);
    }

    private static double lab(Map<LabType, LabResult> latest, LabType type) {
        LabResult result = latest.get(type);
        if (result == null) {
            throw new IllegalArgumentException("no " + type + " result before the line start");
        }
        return result.getValue();
    }

    private static Biomarkers biomarkers(GenomicsOrBuilder genomics, String startIso) {
        boolean reported = !genomics.getReportDate().isEmpty() && genomics.getReportDate().compareTo(startIso) <= 0;
        if (!reported) {
            return new Biomarkers(false, false, false, false, false, false, false,
                    OptionalDouble.empty(), OptionalDouble.empty(), Her2Status.NOT_TESTED, false);
        }
        List<Variant> pathogenic = genomics.getVariantsList().stream()
                .filter(v -> v.getClinicalSignificance() == ClinicalSignificance.CLINICAL_SIGNIFICANCE_PATHOGENIC
                        || v.getClinicalSignificance() == ClinicalSignificance.CLINICAL_SIGNIFICANCE_LIKELY_PATHOGENIC)
                .toList();
        return new Biomarkers(
                pathogenic.stream().anyMatch(v -> v.getGene().equals("EGFR")),
                genomics.getFusionsList().stream().anyMatch(f -> f.getGene3P().equals("ALK")),
                pathogenic.stream().anyMatch(v -> v.getGene().equals("KRAS") && v.getHgvsP().equals("p.G12C")),
                pathogenic.stream().anyMatch(v -> v.getGene().equals("KRAS")),
                pathogenic.stream().anyMatch(v -> v.getGene().equals("NRAS")),
                pathogenic.stream().anyMatch(v -> v.getGene().equals("BRAF") && v.getHgvsP().equals("p.V600E")),
                genomics.getMsiStatus() == MsiStatus.MSI_STATUS_MSI_H,
                genomics.hasTmbMutPerMb() ? OptionalDouble.of(genomics.getTmbMutPerMb()) : OptionalDouble.empty(),
                genomics.hasPdl1TpsPercent() ? OptionalDouble.of(genomics.getPdl1TpsPercent()) : OptionalDouble.empty(),
                her2(genomics.getHer2Ihc(), genomics.getHer2Ish()),
                (genomics.hasErPercent() && genomics.getErPercent() >= 1)
                        || (genomics.hasPrPercent() && genomics.getPrPercent() >= 1));
    }

    private static Her2Status her2(Her2Ihc ihc, IshResult ish) {
        return switch (ihc) {
            case HER2_IHC_3_PLUS -> Her2Status.POSITIVE;
            case HER2_IHC_2_PLUS -> ish == IshResult.ISH_RESULT_POSITIVE ? Her2Status.POSITIVE : Her2Status.LOW;
            case HER2_IHC_1_PLUS -> Her2Status.LOW;
            case HER2_IHC_0 -> Her2Status.ZERO;
            default -> Her2Status.NOT_TESTED;
        };
    }
}
