package org.oncopredict.efficacy.catalogue;

import java.time.LocalDate;

import org.oncopredict.proto.profile.v1.CancerCondition;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.ClinicalSignificance;
import org.oncopredict.proto.profile.v1.EcogAssessment;
import org.oncopredict.proto.profile.v1.FollowUp;
import org.oncopredict.proto.profile.v1.Genomics;
import org.oncopredict.proto.profile.v1.Her2Ihc;
import org.oncopredict.proto.profile.v1.IshResult;
import org.oncopredict.proto.profile.v1.LabResult;
import org.oncopredict.proto.profile.v1.LabType;
import org.oncopredict.proto.profile.v1.MsiStatus;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.ReasonStopped;
import org.oncopredict.proto.profile.v1.TherapyLine;
import org.oncopredict.proto.profile.v1.Variant;

/**
 * Hand-built profiles for eligibility tests: a fit patient (ECOG 1, normal labs dated shortly before
 * {@link #AS_OF}, molecular report before it) whose tumour each test then adjusts.
 */
final class TestProfiles {

    static final LocalDate AS_OF = LocalDate.of(2025, 3, 10);
    static final String LAB_DATE = "2025-03-02";
    static final String REPORT_DATE = "2025-01-20";

    private TestProfiles() {
    }

    /** Non-squamous NSCLC, no driver, PD-L1 TPS 60%. */
    static PatientProfile.Builder nsclc() {
        PatientProfile.Builder p = fit(CancerType.CANCER_TYPE_NSCLC, "C34.1", "8140/3");
        p.getGenomicsBuilder().addVariants(variant("TP53", "p.R273H")).setPdl1TpsPercent(60);
        return p;
    }

    /** Colorectal cancer, MSS, RAS/BRAF wild type. */
    static PatientProfile.Builder colorectal() {
        PatientProfile.Builder p = fit(CancerType.CANCER_TYPE_COLORECTAL, "C18.7", "8140/3");
        p.getGenomicsBuilder().setMsiStatus(MsiStatus.MSI_STATUS_MSS).addVariants(variant("APC", "p.R1450*"));
        return p;
    }

    /** Breast cancer, HR-positive (ER 90%, PR 40%), HER2 IHC 0. */
    static PatientProfile.Builder breast() {
        PatientProfile.Builder p = fit(CancerType.CANCER_TYPE_BREAST, "C50.4", "8500/3");
        p.getGenomicsBuilder().setErPercent(90).setPrPercent(40).setHer2Ihc(Her2Ihc.HER2_IHC_0);
        return p;
    }

    static PatientProfile.Builder her2(PatientProfile.Builder p, Her2Ihc ihc, IshResult ish) {
        p.getGenomicsBuilder().setHer2Ihc(ihc).setHer2Ish(ish);
        return p;
    }

    private static PatientProfile.Builder fit(CancerType type, String site, String histology) {
        PatientProfile.Builder p = PatientProfile.newBuilder()
                .setPatientId("P-TEST000001")
                .setAgeAtDiagnosisYears(62)
                .setCancer(CancerCondition.newBuilder().setCancerType(type).setPrimarySiteCode(site)
                        .setHistologyCode(histology).setDiagnosisDate("2024-12-15").setStageGroup("IVA"))
                .setGenomics(Genomics.newBuilder().setReportDate(REPORT_DATE))
                .setFollowUp(FollowUp.newBuilder().setLastContactDate(AS_OF.toString()));
        ecog(p, "2025-03-01", 1);
        labs(p, LAB_DATE, 85, 0.6, 22, 4.2, 13.1);
        return p;
    }

    static PatientProfile.Builder ecog(PatientProfile.Builder p, String date, int score) {
        p.getHistoryBuilder().addEcog(EcogAssessment.newBuilder().setDate(date).setScore(score));
        return p;
    }

    static PatientProfile.Builder lab(PatientProfile.Builder p, String date, LabType type, double value) {
        p.getHistoryBuilder().addLabs(LabResult.newBuilder().setDate(date).setType(type).setValue(value));
        return p;
    }

    static PatientProfile.Builder labs(PatientProfile.Builder p, String date, double egfr, double bilirubin,
                                       double alt, double anc, double haemoglobin) {
        lab(p, date, LabType.LAB_TYPE_EGFR, egfr);
        lab(p, date, LabType.LAB_TYPE_BILIRUBIN, bilirubin);
        lab(p, date, LabType.LAB_TYPE_ALT, alt);
        lab(p, date, LabType.LAB_TYPE_ANC, anc);
        return lab(p, date, LabType.LAB_TYPE_HEMOGLOBIN, haemoglobin);
    }

    /** Replaces every result of one lab type by a single value. */
    static PatientProfile.Builder replaceLab(PatientProfile.Builder p, LabType type, String date, double value) {
        removeLab(p, type);
        return lab(p, date, type, value);
    }

    static PatientProfile.Builder removeLab(PatientProfile.Builder p, LabType type) {
        var history = p.getHistoryBuilder();
        var kept = history.getLabsList().stream().filter(l -> l.getType() != type).toList();
        history.clearLabs().addAllLabs(kept);
        return p;
    }

    static Variant variant(String gene, String protein) {
        return variant(gene, protein, ClinicalSignificance.CLINICAL_SIGNIFICANCE_PATHOGENIC);
    }

    static Variant variant(String gene, String protein, ClinicalSignificance significance) {
        return Variant.newBuilder().setGene(gene).setHgvsP(protein).setVaf(0.3).setClinicalSignificance(significance)
                .build();
    }

    /** A finished earlier line. */
    static TherapyLine line(int number, String regimenId, String start, String end, ReasonStopped reason) {
        return TherapyLine.newBuilder().setLineNumber(number).setRegimenId(regimenId).setStartDate(start)
                .setEndDate(end).setReasonStopped(reason).setWorstToxicityGrade(1).build();
    }
}
