package org.oncopredict.profile.mapping;

import com.google.protobuf.ProtocolMessageEnum;
import org.oncopredict.profile.domain.Biomarker;
import org.oncopredict.profile.domain.CancerCondition;
import org.oncopredict.profile.domain.CancerType;
import org.oncopredict.profile.domain.ClinicalSignificance;
import org.oncopredict.profile.domain.CohortFilter;
import org.oncopredict.profile.domain.Comorbidity;
import org.oncopredict.profile.domain.CopyNumberAlteration;
import org.oncopredict.profile.domain.CopyNumberType;
import org.oncopredict.profile.domain.EcogAssessment;
import org.oncopredict.profile.domain.FollowUp;
import org.oncopredict.profile.domain.Fusion;
import org.oncopredict.profile.domain.Genomics;
import org.oncopredict.profile.domain.Her2Ihc;
import org.oncopredict.profile.domain.History;
import org.oncopredict.profile.domain.Identity;
import org.oncopredict.profile.domain.IshResult;
import org.oncopredict.profile.domain.LabResult;
import org.oncopredict.profile.domain.LabType;
import org.oncopredict.profile.domain.Lifestyle;
import org.oncopredict.profile.domain.MetastaticSite;
import org.oncopredict.profile.domain.MsiStatus;
import org.oncopredict.profile.domain.PatientProfile;
import org.oncopredict.profile.domain.PatientSummary;
import org.oncopredict.profile.domain.ReasonStopped;
import org.oncopredict.profile.domain.RecistResponse;
import org.oncopredict.profile.domain.Sex;
import org.oncopredict.profile.domain.SmokingStatus;
import org.oncopredict.profile.domain.SpecimenType;
import org.oncopredict.profile.domain.TherapyLine;
import org.oncopredict.profile.domain.Variant;
import org.oncopredict.profile.service.ProfileException;
import org.oncopredict.proto.profile.v1.PatientProfile.Builder;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Profile ↔ {@code oncology.profile.v1} messages. Proto enums carry a type prefix and an {@code _UNSPECIFIED}
 * zero, which maps to null; proto dates are ISO strings where "" means unknown. Field paths in errors use
 * the REST (camelCase) names so both APIs report the same field.
 */
public final class ProfileProtoMapper {

    private ProfileProtoMapper() {
    }

    // ---------------------------------------------------------------- domain -> proto

    public static org.oncopredict.proto.profile.v1.PatientProfile toProto(PatientProfile p) {
        Builder b = org.oncopredict.proto.profile.v1.PatientProfile.newBuilder()
                .setPatientId(nz(p.patientId()))
                .setVersion(p.version() == null ? 0 : p.version())
                .setSex(toProto(p.sex(), org.oncopredict.proto.profile.v1.Sex.class, "SEX_"))
                .addAllCareTeams(p.careTeams())
                .setAgeBand(nz(p.ageBand()))
                .setDeidentified(p.deidentified());
        if (p.identity() != null) {
            Identity i = p.identity();
            b.setIdentity(org.oncopredict.proto.profile.v1.Identity.newBuilder().setMrn(nz(i.mrn()))
                    .setGivenName(nz(i.givenName())).setFamilyName(nz(i.familyName())).setBirthDate(date(i.birthDate())));
        }
        if (p.ageAtDiagnosisYears() != null) {
            b.setAgeAtDiagnosisYears(p.ageAtDiagnosisYears());
        }
        if (p.cancer() != null) {
            CancerCondition c = p.cancer();
            var cb = org.oncopredict.proto.profile.v1.CancerCondition.newBuilder()
                    .setCancerType(toProto(c.cancerType(), org.oncopredict.proto.profile.v1.CancerType.class, "CANCER_TYPE_"))
                    .setPrimarySiteCode(nz(c.primarySiteCode())).setHistologyCode(nz(c.histologyCode()))
                    .setDiagnosisDate(date(c.diagnosisDate())).setTCategory(nz(c.tCategory()))
                    .setNCategory(nz(c.nCategory())).setMCategory(nz(c.mCategory())).setStageGroup(nz(c.stageGroup()));
            c.metastaticSites().forEach(s -> cb.addMetastaticSites(
                    toProto(s, org.oncopredict.proto.profile.v1.MetastaticSite.class, "METASTATIC_SITE_")));
            b.setCancer(cb);
        }
        b.setGenomics(toProto(p.genomics()));
        Lifestyle l = p.lifestyle();
        var lb = org.oncopredict.proto.profile.v1.Lifestyle.newBuilder()
                .setSmokingStatus(toProto(l.smokingStatus(), org.oncopredict.proto.profile.v1.SmokingStatus.class, "SMOKING_STATUS_"));
        if (l.packYears() != null) lb.setPackYears(l.packYears());
        if (l.alcoholUnitsPerWeek() != null) lb.setAlcoholUnitsPerWeek(l.alcoholUnitsPerWeek());
        if (l.bmi() != null) lb.setBmi(l.bmi());
        if (l.activityMinutesPerWeek() != null) lb.setActivityMinutesPerWeek(l.activityMinutesPerWeek());
        b.setLifestyle(lb);
        b.setHistory(toProto(p.history()));
        FollowUp f = p.followUp();
        b.setFollowUp(org.oncopredict.proto.profile.v1.FollowUp.newBuilder().setLastContactDate(date(f.lastContactDate()))
                .setDeceased(f.deceased()).setDeathDate(date(f.deathDate())));
        return b.build();
    }

    private static org.oncopredict.proto.profile.v1.Genomics toProto(Genomics g) {
        var gb = org.oncopredict.proto.profile.v1.Genomics.newBuilder();
        for (Variant v : g.variants()) {
            var vb = org.oncopredict.proto.profile.v1.Variant.newBuilder().setGene(v.gene()).setHgvsC(nz(v.hgvsC()))
                    .setHgvsP(nz(v.hgvsP())).setClinicalSignificance(toProto(v.clinicalSignificance(),
                            org.oncopredict.proto.profile.v1.ClinicalSignificance.class, "CLINICAL_SIGNIFICANCE_"));
            if (v.vaf() != null) vb.setVaf(v.vaf());
            gb.addVariants(vb);
        }
        for (CopyNumberAlteration c : g.copyNumberAlterations()) {
            var cb = org.oncopredict.proto.profile.v1.CopyNumberAlteration.newBuilder().setGene(c.gene())
                    .setType(toProto(c.type(), org.oncopredict.proto.profile.v1.CopyNumberType.class, "COPY_NUMBER_TYPE_"));
            if (c.copyNumber() != null) cb.setCopyNumber(c.copyNumber());
            gb.addCopyNumberAlterations(cb);
        }
        for (Fusion f : g.fusions()) {
            gb.addFusions(org.oncopredict.proto.profile.v1.Fusion.newBuilder().setGene5P(f.gene5p()).setGene3P(f.gene3p()));
        }
        if (g.tmbMutPerMb() != null) gb.setTmbMutPerMb(g.tmbMutPerMb());
        gb.setMsiStatus(toProto(g.msiStatus(), org.oncopredict.proto.profile.v1.MsiStatus.class, "MSI_STATUS_"));
        if (g.pdl1TpsPercent() != null) gb.setPdl1TpsPercent(g.pdl1TpsPercent());
        if (g.pdl1Cps() != null) gb.setPdl1Cps(g.pdl1Cps());
        gb.setHer2Ihc(toProto(g.her2Ihc(), org.oncopredict.proto.profile.v1.Her2Ihc.class, "HER2_"));
        gb.setHer2Ish(toProto(g.her2Ish(), org.oncopredict.proto.profile.v1.IshResult.class, "ISH_RESULT_"));
        if (g.erPercent() != null) gb.setErPercent(g.erPercent());
        if (g.prPercent() != null) gb.setPrPercent(g.prPercent());
        gb.setSpecimenType(toProto(g.specimenType(), org.oncopredict.proto.profile.v1.SpecimenType.class, "SPECIMEN_TYPE_"));
        gb.setReportDate(date(g.reportDate()));
        return gb.build();
    }

    private static org.oncopredict.proto.profile.v1.History toProto(History h) {
        var hb = org.oncopredict.proto.profile.v1.History.newBuilder();
        h.comorbidities().forEach(c -> hb.addComorbidities(org.oncopredict.proto.profile.v1.Comorbidity.newBuilder()
                .setCode(c.code()).setDisplay(nz(c.display()))));
        h.ecog().forEach(e -> hb.addEcog(org.oncopredict.proto.profile.v1.EcogAssessment.newBuilder()
                .setDate(date(e.date())).setScore(e.score())));
        h.labs().forEach(l -> hb.addLabs(org.oncopredict.proto.profile.v1.LabResult.newBuilder().setDate(date(l.date()))
                .setType(toProto(l.type(), org.oncopredict.proto.profile.v1.LabType.class, "LAB_TYPE_")).setValue(l.value())));
        h.therapyLines().forEach(t -> hb.addTherapyLines(toProto(t)));
        return hb.build();
    }

    public static org.oncopredict.proto.profile.v1.TherapyLine toProto(TherapyLine t) {
        var tb = org.oncopredict.proto.profile.v1.TherapyLine.newBuilder().setLineId(nz(t.lineId()))
                .setLineNumber(t.lineNumber()).setRegimenId(t.regimenId()).setStartDate(date(t.startDate()))
                .setEndDate(date(t.endDate()))
                .setBestResponse(toProto(t.bestResponse(), org.oncopredict.proto.profile.v1.RecistResponse.class, "RECIST_RESPONSE_"))
                .setProgressionDate(date(t.progressionDate()))
                .setReasonStopped(toProto(t.reasonStopped(), org.oncopredict.proto.profile.v1.ReasonStopped.class, "REASON_STOPPED_"))
                .setDecidedBy(nz(t.decidedBy())).setRationale(nz(t.rationale()))
                .setImmuneRelatedToxicity(Boolean.TRUE.equals(t.immuneRelatedToxicity()));
        if (t.worstToxicityGrade() != null) tb.setWorstToxicityGrade(t.worstToxicityGrade());
        return tb.build();
    }

    public static org.oncopredict.proto.profile.v1.PatientSummary toProto(PatientSummary s) {
        var b = org.oncopredict.proto.profile.v1.PatientSummary.newBuilder().setPatientId(s.patientId())
                .setVersion(s.version()).setSex(toProto(s.sex(), org.oncopredict.proto.profile.v1.Sex.class, "SEX_"))
                .setAgeBand(nz(s.ageBand()))
                .setCancerType(toProto(s.cancerType(), org.oncopredict.proto.profile.v1.CancerType.class, "CANCER_TYPE_"))
                .setStageGroup(nz(s.stageGroup())).addAllCareTeams(s.careTeams());
        if (s.identity() != null) {
            Identity i = s.identity();
            b.setIdentity(org.oncopredict.proto.profile.v1.Identity.newBuilder().setMrn(i.mrn()).setGivenName(i.givenName())
                    .setFamilyName(i.familyName()).setBirthDate(date(i.birthDate())));
        }
        return b.build();
    }

    // ---------------------------------------------------------------- proto -> domain

    /** The client-owned fields of a proto profile (server fields are ignored). */
    public static PatientProfile fromProto(org.oncopredict.proto.profile.v1.PatientProfile p) {
        Identity identity = null;
        if (p.hasIdentity()) {
            var i = p.getIdentity();
            identity = new Identity(blankToNull(i.getMrn()), blankToNull(i.getGivenName()), blankToNull(i.getFamilyName()),
                    date(i.getBirthDate(), "identity.birthDate"));
        }
        CancerCondition cancer = null;
        if (p.hasCancer()) {
            var c = p.getCancer();
            List<MetastaticSite> sites = new ArrayList<>();
            for (int k = 0; k < c.getMetastaticSitesCount(); k++) {
                sites.add(fromProto(c.getMetastaticSites(k), MetastaticSite.class, "METASTATIC_SITE_", "cancer.metastaticSites[" + k + "]"));
            }
            cancer = new CancerCondition(fromProto(c.getCancerType(), CancerType.class, "CANCER_TYPE_", "cancer.cancerType"),
                    blankToNull(c.getPrimarySiteCode()), blankToNull(c.getHistologyCode()),
                    date(c.getDiagnosisDate(), "cancer.diagnosisDate"), blankToNull(c.getTCategory()),
                    blankToNull(c.getNCategory()), blankToNull(c.getMCategory()), blankToNull(c.getStageGroup()), sites);
        }
        var l = p.getLifestyle();
        Lifestyle lifestyle = new Lifestyle(
                fromProto(l.getSmokingStatus(), SmokingStatus.class, "SMOKING_STATUS_", "lifestyle.smokingStatus"),
                l.hasPackYears() ? l.getPackYears() : null, l.hasAlcoholUnitsPerWeek() ? l.getAlcoholUnitsPerWeek() : null,
                l.hasBmi() ? l.getBmi() : null, l.hasActivityMinutesPerWeek() ? l.getActivityMinutesPerWeek() : null);
        var f = p.getFollowUp();
        FollowUp followUp = new FollowUp(date(f.getLastContactDate(), "followUp.lastContactDate"), f.getDeceased(),
                date(f.getDeathDate(), "followUp.deathDate"));
        return new PatientProfile(null, null, identity, fromProto(p.getSex(), Sex.class, "SEX_", "sex"),
                p.getCareTeamsList(), null, null, cancer, fromProto(p.getGenomics()), lifestyle, fromProto(p.getHistory()),
                followUp, false);
    }

    private static Genomics fromProto(org.oncopredict.proto.profile.v1.Genomics g) {
        List<Variant> variants = new ArrayList<>();
        for (int k = 0; k < g.getVariantsCount(); k++) {
            var v = g.getVariants(k);
            variants.add(new Variant(blankToNull(v.getGene()), blankToNull(v.getHgvsC()), blankToNull(v.getHgvsP()),
                    v.hasVaf() ? v.getVaf() : null, fromProto(v.getClinicalSignificance(), ClinicalSignificance.class,
                    "CLINICAL_SIGNIFICANCE_", "genomics.variants[" + k + "].clinicalSignificance")));
        }
        List<CopyNumberAlteration> cnas = new ArrayList<>();
        for (int k = 0; k < g.getCopyNumberAlterationsCount(); k++) {
            var c = g.getCopyNumberAlterations(k);
            cnas.add(new CopyNumberAlteration(blankToNull(c.getGene()), fromProto(c.getType(), CopyNumberType.class,
                    "COPY_NUMBER_TYPE_", "genomics.copyNumberAlterations[" + k + "].type"), c.hasCopyNumber() ? c.getCopyNumber() : null));
        }
        List<Fusion> fusions = g.getFusionsList().stream()
                .map(x -> new Fusion(blankToNull(x.getGene5P()), blankToNull(x.getGene3P()))).toList();
        return new Genomics(variants, cnas, fusions, g.hasTmbMutPerMb() ? g.getTmbMutPerMb() : null,
                fromProto(g.getMsiStatus(), MsiStatus.class, "MSI_STATUS_", "genomics.msiStatus"),
                g.hasPdl1TpsPercent() ? g.getPdl1TpsPercent() : null, g.hasPdl1Cps() ? g.getPdl1Cps() : null,
                fromProto(g.getHer2Ihc(), Her2Ihc.class, "HER2_", "genomics.her2Ihc"),
                fromProto(g.getHer2Ish(), IshResult.class, "ISH_RESULT_", "genomics.her2Ish"),
                g.hasErPercent() ? g.getErPercent() : null, g.hasPrPercent() ? g.getPrPercent() : null,
                fromProto(g.getSpecimenType(), SpecimenType.class, "SPECIMEN_TYPE_", "genomics.specimenType"),
                date(g.getReportDate(), "genomics.reportDate"));
    }

    private static History fromProto(org.oncopredict.proto.profile.v1.History h) {
        List<Comorbidity> comorbidities = h.getComorbiditiesList().stream()
                .map(c -> new Comorbidity(blankToNull(c.getCode()), blankToNull(c.getDisplay()))).toList();
        List<EcogAssessment> ecog = new ArrayList<>();
        for (int k = 0; k < h.getEcogCount(); k++) {
            ecog.add(fromProto(h.getEcog(k), "history.ecog[" + k + "]."));
        }
        List<LabResult> labs = new ArrayList<>();
        for (int k = 0; k < h.getLabsCount(); k++) {
            labs.add(fromProto(h.getLabs(k), "history.labs[" + k + "]."));
        }
        List<TherapyLine> lines = new ArrayList<>();
        for (int k = 0; k < h.getTherapyLinesCount(); k++) {
            lines.add(fromProto(h.getTherapyLines(k), "history.therapyLines[" + k + "]."));
        }
        return new History(comorbidities, ecog, labs, lines);
    }

    /** One ECOG assessment; {@code at} prefixes the field names of errors, e.g. "ecog.". */
    public static EcogAssessment fromProto(org.oncopredict.proto.profile.v1.EcogAssessment e, String at) {
        return new EcogAssessment(date(e.getDate(), at + "date"), e.getScore());
    }

    /** One lab result; {@code at} prefixes the field names of errors. */
    public static LabResult fromProto(org.oncopredict.proto.profile.v1.LabResult l, String at) {
        return new LabResult(date(l.getDate(), at + "date"),
                fromProto(l.getType(), LabType.class, "LAB_TYPE_", at + "type"), l.getValue());
    }

    /** One therapy line (its id is the server's to assign); {@code at} prefixes the field names of errors. */
    public static TherapyLine fromProto(org.oncopredict.proto.profile.v1.TherapyLine t, String at) {
        return new TherapyLine(null, t.getLineNumber() == 0 ? null : t.getLineNumber(), blankToNull(t.getRegimenId()),
                date(t.getStartDate(), at + "startDate"), date(t.getEndDate(), at + "endDate"),
                fromProto(t.getBestResponse(), RecistResponse.class, "RECIST_RESPONSE_", at + "bestResponse"),
                date(t.getProgressionDate(), at + "progressionDate"),
                t.hasWorstToxicityGrade() ? t.getWorstToxicityGrade() : null, t.getImmuneRelatedToxicity(),
                fromProto(t.getReasonStopped(), ReasonStopped.class, "REASON_STOPPED_", at + "reasonStopped"),
                blankToNull(t.getDecidedBy()), blankToNull(t.getRationale()));
    }

    /** A proto filter as a domain filter; a bad biomarker expression names the field. */
    public static CohortFilter fromProto(org.oncopredict.proto.profile.v1.CohortFilter f) {
        List<CancerType> types = new ArrayList<>();
        for (int k = 0; k < f.getCancerTypesCount(); k++) {
            CancerType t = fromProto(f.getCancerTypes(k), CancerType.class, "CANCER_TYPE_", "filter.cancerTypes[" + k + "]");
            if (t == null) {
                throw ProfileException.invalidArgument("filter.cancerTypes[" + k + "]", "must not be CANCER_TYPE_UNSPECIFIED");
            }
            types.add(t);
        }
        List<Biomarker> markers = new ArrayList<>();
        for (int k = 0; k < f.getBiomarkersCount(); k++) {
            try {
                markers.add(Biomarker.parse(f.getBiomarkers(k)));
            } catch (IllegalArgumentException e) {
                throw ProfileException.invalidArgument("filter.biomarkers[" + k + "]", e.getMessage());
            }
        }
        return new CohortFilter(types, markers, f.getCareTeamsList(), f.getPatientIdsList(), null);
    }

    // ---------------------------------------------------------------- helpers

    private static <P extends Enum<P> & ProtocolMessageEnum> P toProto(Enum<?> value, Class<P> type, String prefix) {
        return value == null ? type.getEnumConstants()[0] : Enum.valueOf(type, prefix + value.name());
    }

    /** A reason stopped from the wire; null for UNSPECIFIED. */
    public static ReasonStopped reasonStopped(org.oncopredict.proto.profile.v1.ReasonStopped value, String field) {
        return fromProto(value, ReasonStopped.class, "REASON_STOPPED_", field);
    }

    private static <E extends Enum<E>> E fromProto(Enum<?> value, Class<E> type, String prefix, String field) {
        if (value != null && value.name().equals("UNRECOGNIZED")) {
            throw ProfileException.invalidArgument(field, field + " is not a known value of " + type.getSimpleName());
        }
        if (value == null || ((ProtocolMessageEnum) value).getNumber() == 0) {
            return null;
        }
        return Enum.valueOf(type, value.name().substring(prefix.length()));
    }

    private static String date(LocalDate d) {
        return d == null ? "" : d.toString();
    }

    /** An ISO date from the wire; null when empty; INVALID_ARGUMENT naming {@code field} when malformed. */
    public static LocalDate date(String s, String field) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw ProfileException.invalidArgument(field, field + " must be an ISO-8601 date (YYYY-MM-DD)");
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
