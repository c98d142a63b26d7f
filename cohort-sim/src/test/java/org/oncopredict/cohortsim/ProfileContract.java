package org.oncopredict.cohortsim;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.oncopredict.proto.profile.v1.ClinicalSignificance;
import org.oncopredict.proto.profile.v1.CopyNumberAlteration;
import org.oncopredict.proto.profile.v1.EcogAssessment;
import org.oncopredict.proto.profile.v1.Fusion;
import org.oncopredict.proto.profile.v1.LabResult;
import org.oncopredict.proto.profile.v1.LabType;
import org.oncopredict.proto.profile.v1.MetastaticSite;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.ReasonStopped;
import org.oncopredict.proto.profile.v1.RecistResponse;
import org.oncopredict.proto.profile.v1.SmokingStatus;
import org.oncopredict.proto.profile.v1.TherapyLine;
import org.oncopredict.proto.profile.v1.Variant;

/**
 * The profile service's validity contract (cohort-sim brief §5), checked independently of the
 * generator: returns every violation of one profile as a readable message.
 */
final class ProfileContract {

    private static final Pattern ISO_DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
    private static final Pattern GENE = Pattern.compile("^[A-Z][A-Z0-9-]{0,14}$");
    private static final Pattern MRN = Pattern.compile("^MRN\\d{8}$");

    private final LocalDate asOf;
    private final List<String> violations = new ArrayList<>();
    private final List<LocalDate> allDates = new ArrayList<>();

    private ProfileContract(LocalDate asOf) {
        this.asOf = asOf;
    }

    static List<String> violations(PatientProfile p, LocalDate asOf) {
        ProfileContract c = new ProfileContract(asOf);
        c.check(p);
        return c.violations;
    }

    private void check(PatientProfile p) {
        require(p.getPatientId().isEmpty() && p.getVersion() == 0, "patient_id/version must be left to the server");
        require(MRN.matcher(p.getIdentity().getMrn()).matches(), "MRN format: " + p.getIdentity().getMrn());
        require(!p.getIdentity().getGivenName().isBlank() && !p.getIdentity().getFamilyName().isBlank(), "name");
        require(p.getSexValue() != 0, "sex unspecified");
        require(p.getCareTeamsCount() > 0, "no care team");
        LocalDate birth = date("birth_date", p.getIdentity().getBirthDate());

        var cancer = p.getCancer();
        require(cancer.getCancerTypeValue() != 0, "cancer type unspecified");
        require(!cancer.getPrimarySiteCode().isEmpty() && !cancer.getHistologyCode().isEmpty(), "site/histology");
        LocalDate diagnosis = date("diagnosis_date", cancer.getDiagnosisDate());
        boolean m1 = cancer.getMCategory().startsWith("M1");
        require(m1 == cancer.getStageGroup().startsWith("IV"),
                "stage group " + cancer.getStageGroup() + " vs " + cancer.getMCategory());
        require(m1 == cancer.getMetastaticSitesCount() > 0, "metastatic sites vs M category");
        require(!cancer.getMetastaticSitesList().contains(MetastaticSite.METASTATIC_SITE_UNSPECIFIED), "site unspecified");
        if (birth != null && diagnosis != null) {
            require(birth.isBefore(diagnosis), "birth < diagnosis");
            int age = Period.between(birth, diagnosis).getYears();
            require(p.hasAgeAtDiagnosisYears() && p.getAgeAtDiagnosisYears() == Math.min(90, age), "age at diagnosis");
            require(p.getAgeBand().equals(age >= 90 ? "90+" : (age / 5 * 5) + "-" + (age / 5 * 5 + 4)), "age band");
        }

        var g = p.getGenomics();
        LocalDate report = date("report_date", g.getReportDate());
        require(g.getSpecimenTypeValue() != 0, "specimen unspecified");
        for (Variant v : g.getVariantsList()) {
            require(GENE.matcher(v.getGene()).matches(), "gene symbol " + v.getGene());
            require(v.hasVaf() && v.getVaf() >= 0 && v.getVaf() <= 1, "VAF " + v.getVaf());
            require(v.getClinicalSignificance() != ClinicalSignificance.CLINICAL_SIGNIFICANCE_UNSPECIFIED, "significance");
            require(v.getHgvsP().startsWith("p.") && v.getHgvsC().startsWith("c."), "HGVS");
        }
        for (CopyNumberAlteration cna : g.getCopyNumberAlterationsList()) {
            require(GENE.matcher(cna.getGene()).matches() && cna.getTypeValue() != 0, "copy number alteration");
        }
        for (Fusion f : g.getFusionsList()) {
            require(GENE.matcher(f.getGene5P()).matches() && GENE.matcher(f.getGene3P()).matches(), "fusion genes");
        }
        require(!g.hasTmbMutPerMb() || g.getTmbMutPerMb() >= 0, "TMB");
        percent(g.hasPdl1TpsPercent(), g.getPdl1TpsPercent(), "TPS");
        percent(g.hasPdl1Cps(), g.getPdl1Cps(), "CPS");
        percent(g.hasErPercent(), g.getErPercent(), "ER");
        percent(g.hasPrPercent(), g.getPrPercent(), "PR");

        var l = p.getLifestyle();
        require(l.getSmokingStatusValue() != 0, "smoking unspecified");
        boolean smoker = l.getSmokingStatus() != SmokingStatus.SMOKING_STATUS_NEVER;
        require(smoker == l.hasPackYears(), "pack-years only (and always) for former/current smokers");
        require(!l.hasPackYears() || l.getPackYears() >= 0, "pack-years >= 0");
        require(l.hasBmi() && l.getBmi() >= 10 && l.getBmi() <= 80, "BMI " + l.getBmi());
        require(!l.hasAlcoholUnitsPerWeek() || l.getAlcoholUnitsPerWeek() >= 0, "alcohol");
        require(!l.hasActivityMinutesPerWeek() || l.getActivityMinutesPerWeek() >= 0, "activity");

        var h = p.getHistory();
        h.getComorbiditiesList().forEach(c -> require(!c.getCode().isEmpty() && !c.getDisplay().isEmpty(), "comorbidity"));
        for (EcogAssessment e : h.getEcogList()) {
            date("ecog.date", e.getDate());
            require(e.getScore() >= 0 && e.getScore() <= 4, "ECOG " + e.getScore());
        }
        for (LabResult lab : h.getLabsList()) {
            date("lab.date", lab.getDate());
            require(lab.getType() != LabType.LAB_TYPE_UNSPECIFIED, "lab type");
            require(lab.getValue() > 0, "lab value " + lab.getValue());
        }

        var f = p.getFollowUp();
        LocalDate lastContact = date("last_contact_date", f.getLastContactDate());
        LocalDate death = f.getDeathDate().isEmpty() ? null : date("death_date", f.getDeathDate());
        require(f.getDeceased() == (death != null), "deceased <=> death_date");
        require(death == null || death.equals(lastContact), "last contact of the deceased is the death date");

        require(h.getTherapyLinesCount() >= 1, "at least one line");
        LocalDate previousEnd = null;
        for (int i = 0; i < h.getTherapyLinesCount(); i++) {
            TherapyLine line = h.getTherapyLines(i);
            require(line.getLineNumber() == i + 1, "line numbers 1..n");
            Regimen regimen = Regimen.fromId(line.getRegimenId());
            require(regimen.cancerTypes().contains(cancer.getCancerType()), "regimen for another cancer type");
            LocalDate start = date("start_date", line.getStartDate());
            boolean ongoing = line.getReasonStopped() == ReasonStopped.REASON_STOPPED_ONGOING;
            require(line.getReasonStopped() != ReasonStopped.REASON_STOPPED_UNSPECIFIED, "reason unspecified");
            require(line.getEndDate().isEmpty() == ongoing, "end empty <=> ONGOING");
            LocalDate end = line.getEndDate().isEmpty() ? null : date("end_date", line.getEndDate());
            LocalDate progression = line.getProgressionDate().isEmpty() ? null : date("progression_date", line.getProgressionDate());
            if (start != null) {
                require(end == null || !end.isBefore(start), "start <= end");
                require(progression == null || !progression.isBefore(start), "start <= progression");
                require(previousEnd == null || start.isAfter(previousEnd), "line starts after the previous one ends");
                if (i == 0) {
                    require(diagnosis != null && report != null && !diagnosis.isAfter(report) && !report.isAfter(start),
                            "diagnosis <= report <= first line start");
                }
                String s = start.toString();
                require(h.getEcogList().stream().anyMatch(e -> e.getDate().compareTo(s) < 0), "ECOG before line " + (i + 1));
                for (LabType type : List.of(LabType.LAB_TYPE_EGFR, LabType.LAB_TYPE_BILIRUBIN, LabType.LAB_TYPE_ALT,
                        LabType.LAB_TYPE_ANC, LabType.LAB_TYPE_HEMOGLOBIN)) {
                    require(h.getLabsList().stream().anyMatch(x -> x.getType() == type && x.getDate().compareTo(s) < 0),
                            type + " before line " + (i + 1));
                }
                if (line.getBestResponse() == RecistResponse.RECIST_RESPONSE_UNSPECIFIED) {
                    // Not yet assessed: censored within the first 1.5 months without progression.
                    require(progression == null && lastContact != null && death == null
                                    && lastContact.isBefore(start.plusDays(46)), "best response unspecified");
                }
            }
            require(line.hasWorstToxicityGrade() && line.getWorstToxicityGrade() >= 0
                    && line.getWorstToxicityGrade() <= 5, "CTCAE grade");
            require(!line.getImmuneRelatedToxicity() || regimen.isCheckpointInhibitor(), "irAE without checkpoint inhibitor");
            require(i == h.getTherapyLinesCount() - 1 || end != null, "a line followed by another has ended");
            require(death == null || (end == null || !death.isBefore(end)) && (progression == null || !death.isBefore(progression)),
                    "death after line dates");
            previousEnd = end;
        }
        for (LocalDate d : allDates) {
            require(!d.isAfter(asOf), "date after asOf: " + d);
            require(lastContact == null || !d.isAfter(lastContact), "date after last contact: " + d);
        }
    }

    private void percent(boolean present, double value, String what) {
        require(!present || (value >= 0 && value <= 100), what + " " + value);
    }

    private LocalDate date(String field, String value) {
        if (!ISO_DATE.matcher(value).matches()) {
            violations.add(field + " not YYYY-MM-DD: '" + value + "'");
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(value);
            allDates.add(d);
            return d;
        } catch (DateTimeParseException e) {
            violations.add(field + " invalid: " + value);
            return null;
        }
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            violations.add(message);
        }
    }
}
