package org.oncopredict.profile.mapping;

import org.oncopredict.profile.domain.Ages;
import org.oncopredict.profile.domain.CancerCondition;
import org.oncopredict.profile.domain.FollowUp;
import org.oncopredict.profile.domain.Genomics;
import org.oncopredict.profile.domain.History;
import org.oncopredict.profile.domain.Identity;
import org.oncopredict.profile.domain.Lifestyle;
import org.oncopredict.profile.domain.PatientProfile;
import org.oncopredict.profile.domain.PatientSummary;
import org.oncopredict.profile.repository.PatientEntity;
import org.oncopredict.profile.repository.PatientEntity.ComorbidityRow;
import org.oncopredict.profile.repository.PatientEntity.CopyNumberRow;
import org.oncopredict.profile.repository.PatientEntity.EcogRow;
import org.oncopredict.profile.repository.PatientEntity.FusionRow;
import org.oncopredict.profile.repository.PatientEntity.LabRow;
import org.oncopredict.profile.repository.PatientEntity.TherapyLineRow;
import org.oncopredict.profile.repository.PatientEntity.VariantRow;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * Domain → persistence entity for writes, and the list summary of an entity. Server-managed columns (id,
 * pseudonym, version, timestamps) are left alone. Whole profiles are read back by
 * {@link org.oncopredict.profile.repository.ProfileReader}.
 */
public final class ProfileEntityMapper {

    private ProfileEntityMapper() {
    }

    public static PatientSummary toSummary(PatientEntity e, LocalDate today) {
        return new PatientSummary(e.patientId, e.version, new Identity(e.mrn, e.givenName, e.familyName, e.birthDate),
                e.sex, ageBand(e, today), e.cancerType, e.stageGroup, List.of(e.careTeams));
    }

    private static String ageBand(PatientEntity e, LocalDate today) {
        return Ages.band(Ages.years(e.birthDate, e.deathDate != null ? e.deathDate : today));
    }

    /** Writes every client-owned field of {@code p} into {@code e}, replacing its collections. */
    public static void copyInto(PatientProfile p, PatientEntity e) {
        Identity id = p.identity();
        e.mrn = id.mrn();
        e.givenName = id.givenName();
        e.familyName = id.familyName();
        e.birthDate = id.birthDate();
        e.sex = p.sex();
        e.careTeams = p.careTeams().toArray(String[]::new);

        CancerCondition c = p.cancer();
        e.cancerType = c == null ? null : c.cancerType();
        e.primarySiteCode = c == null ? null : c.primarySiteCode();
        e.histologyCode = c == null ? null : c.histologyCode();
        e.diagnosisDate = c == null ? null : c.diagnosisDate();
        e.tCategory = c == null ? null : c.tCategory();
        e.nCategory = c == null ? null : c.nCategory();
        e.mCategory = c == null ? null : c.mCategory();
        e.stageGroup = c == null ? null : c.stageGroup();
        e.metastaticSites = c == null ? new String[0] : c.metastaticSites().stream().map(Enum::name).toArray(String[]::new);

        Genomics g = p.genomics();
        replace(e.variants, g.variants(), v -> {
            VariantRow r = new VariantRow();
            r.gene = v.gene();
            r.hgvsC = v.hgvsC();
            r.hgvsP = v.hgvsP();
            r.vaf = v.vaf();
            r.clinicalSignificance = v.clinicalSignificance();
            return r;
        });
        replace(e.copyNumberAlterations, g.copyNumberAlterations(), v -> {
            CopyNumberRow r = new CopyNumberRow();
            r.gene = v.gene();
            r.type = v.type();
            r.copyNumber = v.copyNumber();
            return r;
        });
        replace(e.fusions, g.fusions(), v -> {
            FusionRow r = new FusionRow();
            r.gene5p = v.gene5p();
            r.gene3p = v.gene3p();
            return r;
        });
        e.tmbMutPerMb = g.tmbMutPerMb();
        e.msiStatus = g.msiStatus();
        e.pdl1TpsPercent = g.pdl1TpsPercent();
        e.pdl1Cps = g.pdl1Cps();
        e.her2Ihc = g.her2Ihc();
        e.her2Ish = g.her2Ish();
        e.erPercent = g.erPercent();
        e.prPercent = g.prPercent();
        e.specimenType = g.specimenType();
        e.genomicsReportDate = g.reportDate();

        Lifestyle l = p.lifestyle();
        e.smokingStatus = l.smokingStatus();
        e.packYears = l.packYears();
        e.alcoholUnitsPerWeek = l.alcoholUnitsPerWeek();
        e.bmi = l.bmi();
        e.activityMinutesPerWeek = l.activityMinutesPerWeek();

        History h = p.history();
        replace(e.comorbidities, h.comorbidities(), v -> {
            ComorbidityRow r = new ComorbidityRow();
            r.code = v.code();
            r.display = v.display();
            return r;
        });
        replace(e.ecog, h.ecog(), v -> {
            EcogRow r = new EcogRow();
            r.assessedOn = v.date();
            r.score = v.score();
            return r;
        });
        replace(e.labs, h.labs(), v -> {
            LabRow r = new LabRow();
            r.measuredOn = v.date();
            r.type = v.type();
            r.value = v.value();
            return r;
        });
        replace(e.therapyLines, h.therapyLines(), v -> {
            TherapyLineRow r = new TherapyLineRow();
            r.lineId = v.lineId();
            r.lineNumber = v.lineNumber();
            r.regimenId = v.regimenId();
            r.startDate = v.startDate();
            r.endDate = v.endDate();
            r.bestResponse = v.bestResponse();
            r.progressionDate = v.progressionDate();
            r.worstToxicityGrade = v.worstToxicityGrade();
            r.immuneRelatedToxicity = Boolean.TRUE.equals(v.immuneRelatedToxicity());
            r.reasonStopped = v.reasonStopped();
            r.decidedBy = v.decidedBy();
            r.rationale = v.rationale();
            return r;
        });

        FollowUp f = p.followUp();
        e.lastContactDate = f.lastContactDate();
        e.deceased = f.deceased();
        e.deathDate = f.deathDate();
    }

    private static <R, D> void replace(List<R> rows, List<D> values, Function<D, R> f) {
        rows.clear();
        values.forEach(v -> rows.add(f.apply(v)));
    }
}
