package org.oncopredict.profile.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.oncopredict.profile.domain.Biomarker;
import org.oncopredict.profile.domain.CohortFilter;
import org.oncopredict.profile.domain.ClinicalSignificance;
import org.oncopredict.profile.domain.CopyNumberType;
import org.oncopredict.profile.domain.Her2Ihc;
import org.oncopredict.profile.domain.IshResult;
import org.oncopredict.profile.domain.MsiStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Queries over live (not soft-deleted) patients. */
@ApplicationScoped
public class PatientRepository implements PanacheRepositoryBase<PatientEntity, Long> {

    /** A live patient by pseudonym; with {@code lockForUpdate} the row is locked until the transaction ends. */
    public Optional<PatientEntity> findLive(String patientId, boolean lockForUpdate) {
        var query = find("patientId = ?1 and deletedAt is null", patientId);
        if (lockForUpdate) {
            query = query.withLock(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.firstResultOptional();
    }

    public boolean mrnInUse(String mrn, Long exceptId) {
        return !getEntityManager().createQuery(
                        "select 1 from PatientEntity p where p.mrn = :mrn and p.deletedAt is null and p.id <> :id", Integer.class)
                .setParameter("mrn", mrn).setParameter("id", exceptId == null ? -1L : exceptId)
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** One page of matches, newest first. */
    public List<PatientEntity> page(CohortFilter filter, int page, int size) {
        Where where = where(filter);
        return find(where.hql + " order by p.id desc", where.params).page(page, size).list();
    }

    public long countMatching(CohortFilter filter) {
        Where where = where(filter);
        return count(where.hql, where.params);
    }

    /** Internal id of a live patient (profiles are read by id through {@link ProfileReader}). */
    public Optional<Long> liveId(String patientId) {
        return getEntityManager().createQuery(
                        "select p.id from PatientEntity p where p.patientId = :id and p.deletedAt is null", Long.class)
                .setParameter("id", patientId).getResultStream().findFirst();
    }

    /** Internal ids of up to {@code limit} matches with id greater than {@code afterId}, in id order (keyset paging). */
    public List<Long> idsAfter(CohortFilter filter, long afterId, int limit) {
        Where where = where(filter);
        var query = getEntityManager().createQuery("select p.id " + where.hql + " and p.id > :afterId order by p.id", Long.class)
                .setParameter("afterId", afterId).setMaxResults(limit);
        where.params.map().forEach(query::setParameter);
        return query.getResultList();
    }

    /** An HQL query over {@code PatientEntity p} with its named parameters. */
    private record Where(String hql, Parameters params) {
    }

    private static Where where(CohortFilter filter) {
        List<String> clauses = new ArrayList<>();
        Parameters params = new Parameters();
        clauses.add("p.deletedAt is null");
        if (!filter.cancerTypes().isEmpty()) {
            clauses.add("p.cancerType in :cancerTypes");
            params.and("cancerTypes", filter.cancerTypes());
        }
        if (!filter.careTeams().isEmpty()) {
            clauses.add("array_overlaps(p.careTeams, :careTeams)");
            params.and("careTeams", filter.careTeams().toArray(String[]::new));
        }
        if (!filter.patientIds().isEmpty()) {
            clauses.add("p.patientId in :patientIds");
            params.and("patientIds", filter.patientIds());
        }
        if (!filter.query().isEmpty()) {
            clauses.add(queryClause(filter.query(), params));
        }
        int i = 0;
        for (Biomarker b : filter.biomarkers()) {
            String p = "b" + i++;
            clauses.add(biomarkerClause(b, p, params));
        }
        return new Where("from PatientEntity p where " + String.join(" and ", clauses), params);
    }

    /** Exact pseudonym or MRN, or every word within the given or family name (case-insensitive). */
    private static String queryClause(String query, Parameters params) {
        params.and("qExact", query.toUpperCase(java.util.Locale.ROOT));
        List<String> words = new ArrayList<>();
        int w = 0;
        for (String word : query.toLowerCase(java.util.Locale.ROOT).split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            String name = "qw" + w++;
            // LIKE wildcards typed by the user are matched literally.
            params.and(name, "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            words.add("(lower(p.givenName) like :" + name + " escape '\\' or lower(p.familyName) like :" + name
                    + " escape '\\')");
        }
        String names = words.isEmpty() ? "1 = 0" : String.join(" and ", words);
        return "(upper(p.patientId) = :qExact or upper(p.mrn) = :qExact or (" + names + "))";
    }

    private static String biomarkerClause(Biomarker b, String p, Parameters params) {
        if (b instanceof Biomarker.Gene g) {
            params.and(p, g.symbol());
            params.and(p + "sig", List.of(ClinicalSignificance.PATHOGENIC, ClinicalSignificance.LIKELY_PATHOGENIC));
            params.and(p + "amp", CopyNumberType.AMPLIFICATION);
            return "(exists (select 1 from PatientEntity x join x.variants v where x = p and v.gene = :" + p
                    + " and (v.clinicalSignificance is null or v.clinicalSignificance in :" + p + "sig))"
                    + " or exists (select 1 from PatientEntity x join x.fusions f where x = p and (f.gene5p = :"
                    + p + " or f.gene3p = :" + p + "))"
                    + " or exists (select 1 from PatientEntity x join x.copyNumberAlterations c where x = p and c.gene = :"
                    + p + " and c.type = :" + p + "amp))";
        }
        if (b instanceof Biomarker.ProteinChange pc) {
            params.and(p, pc.gene());
            params.and(p + "p", pc.hgvsP());
            return "exists (select 1 from PatientEntity x join x.variants v where x = p and v.gene = :" + p
                    + " and v.hgvsP = :" + p + "p)";
        }
        switch ((Biomarker.Status) b) {
            case MSI_H:
                params.and(p, MsiStatus.MSI_H);
                return "p.msiStatus = :" + p;
            case TMB_H:
                params.and(p, Biomarker.TMB_HIGH_CUTOFF);
                return "p.tmbMutPerMb >= :" + p;
            case PDL1_HIGH:
                params.and(p, Biomarker.PDL1_HIGH_CUTOFF);
                return "p.pdl1TpsPercent >= :" + p;
            case HER2_POSITIVE:
                params.and(p + "3", Her2Ihc.IHC_3_PLUS);
                params.and(p + "2", Her2Ihc.IHC_2_PLUS);
                params.and(p + "ish", IshResult.POSITIVE);
                return "(p.her2Ihc = :" + p + "3 or (p.her2Ihc = :" + p + "2 and p.her2Ish = :" + p + "ish))";
            case HR_POSITIVE:
                params.and(p, Biomarker.HORMONE_RECEPTOR_CUTOFF);
                return "(p.erPercent >= :" + p + " or p.prPercent >= :" + p + ")";
            default:
                throw new IllegalArgumentException("Unsupported biomarker " + b);
        }
    }
}
