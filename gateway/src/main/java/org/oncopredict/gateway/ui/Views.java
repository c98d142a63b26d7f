package org.oncopredict.gateway.ui;

import java.util.List;

/**
 * What the web UI's templates show, already formatted: numbers as clinicians read them (percent with the 90 %
 * interval, months with one decimal), codes as labels. Built from the services' messages by {@code UiViews}.
 */
public final class Views {

    private Views() {
    }

    /** A patient in a list. */
    public record PatientRow(String id, String name, String mrn, String sex, String ageBand, String cancerType,
                             String stage, String careTeams) {
    }

    /** The patient header and sections. */
    public record PatientPage(String id, long version, String name, String mrn, String sex, String ageBand,
                              String ageAtDiagnosis, String cancerType, String primarySite, String histology,
                              String diagnosisDate, String stage, String tnm, String metastases, String ecog,
                              String careTeams, boolean deceased, Genomics genomics, Lifestyle lifestyle,
                              List<Event> timeline, List<Line> lines, List<String> comorbidities) {
    }

    /** The molecular report: findings with their actionability from the catalogue. */
    public record Genomics(String reportDate, String specimen, List<Finding> findings, List<Finding> biomarkers) {
    }

    /**
     * One genomic finding or biomarker.
     *
     * @param actionable regimens of the catalogue whose indication needs this finding, each "name (tier, source)"
     */
    public record Finding(String label, String detail, List<String> actionable) {
        public boolean isActionable() {
            return !actionable.isEmpty();
        }
    }

    public record Lifestyle(String smoking, String alcohol, String bmi, String activity) {
    }

    /** One dated entry of the history timeline (therapy line start, progression, lab, ECOG). */
    public record Event(String date, String kind, String text) {
    }

    /** A therapy line with its outcome. */
    public record Line(int number, String regimen, String start, String end, String response, String progression,
                       String toxicity, String stopped, String decision) {
    }

    /** One regimen's prediction, as the options table and cards show it. */
    public record Option(int rank, String regimenId, String name, boolean eligible, String status, String statusClass,
                         List<Reason> reasons, String indication, String evidenceLevel, String evidenceSource,
                         String response, String responseInterval, double responsePoint, String toxicity,
                         String toxicityInterval, double toxicityPoint, String pfsMedian, String pfs6, String pfs12,
                         String pfs24, String osMedian, String support, String supportClass, List<String> warnings,
                         int comparablePatients, List<Factor> responseFactors, List<Factor> toxicityFactors,
                         String curveJson, boolean hasPrediction) {
    }

    public record Reason(String severity, String message, String patientValue) {
    }

    /**
     * A contribution to a prediction.
     *
     * @param direction "raises" or "lowers" (the response or toxicity probability)
     */
    public record Factor(String label, String value, String direction, String contribution, boolean imputed) {
    }

    /** The model behind predictions, for the footer and the transparency page. */
    public record Model(long version, String trainedAt, int cohortSize, int replicates, String learner,
                        String provenanceHash, String catalogueVersion) {
        /** The first 12 hex digits of the provenance hash, as shown (the whole hash is in the title). */
        public String shortHash() {
            return provenanceHash.length() > 12 ? provenanceHash.substring(0, 12) : provenanceHash;
        }
    }

    /** A model card as the transparency page shows it. */
    public record Card(long version, String intendedUse, List<String> notIntendedFor, String source, int patients,
                       int trainingLines, int heldOutLines, String trainedAt, String learner, String baseLearner,
                       int replicates, String responseAuroc, String responseCalibration, String toxicityAuroc,
                       String pfsCIndex, String osCIndex, String pfsObservedExpected, int regimens,
                       List<String> limitations, String trainingPeriod) {
    }

    /** One registry version in the list. */
    public record VersionRow(long version, String state, String created, int patients, String auroc, String slope,
                             String cIndex, boolean candidate) {
    }

    /** One regimen of a patient-group prediction. */
    public record GroupRow(String regimenId, String name, int eligiblePatients, String response, String toxicity,
                           String pfsMedian, String pfs12, int lowSupport, String evidenceLevel) {
    }

    /** An icon array: of 100 patients like this one, how many respond and how many have severe toxicity. */
    public record IconArray(String regimen, int responders, int toxicities, List<Boolean> respond, List<Boolean> toxic) {
    }

    /** The therapy line a decision would end: "line 2 (docetaxel, since …)", and whether it has a progression date. */
    public record OpenLine(String label, boolean progressionRecorded) {
    }

    /** One option of a select: the value sent and the label shown. */
    public record Choice(String value, String label) {
    }

    /** The agenda form as the user typed it (kept on errors); {@code id} null for a new agenda. */
    public record AgendaForm(String id, long version, String meetingDate, String title, String attendees,
                             String patientIds) {
    }
}
