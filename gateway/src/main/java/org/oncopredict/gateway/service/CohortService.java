package org.oncopredict.gateway.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import org.oncopredict.gateway.audit.AuditAction;
import org.oncopredict.gateway.audit.AuditEvent;
import org.oncopredict.gateway.audit.AuditLog;
import org.oncopredict.gateway.clients.ProfileServiceClient;
import org.oncopredict.gateway.rest.ApiException;
import org.oncopredict.proto.profile.v1.CohortFilter;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.TherapyLine;

/**
 * De-identified cohort summaries for data scientists (API and UI): counts by cancer type, sex, age band, stage,
 * variant gene and regimen received, and the first patients as pseudonym + age band + coded fields — no name, MRN
 * or birth date (the profile service streams de-identified profiles with shifted dates).
 */
@ApplicationScoped
public class CohortService {

    public static final int MAX_SUMMARY_PATIENTS = 20_000;
    public static final int MAX_LISTED = 200;

    private final ProfileServiceClient profiles;
    private final AuditLog audit;

    public CohortService(ProfileServiceClient profiles, AuditLog audit) {
        this.profiles = profiles;
        this.audit = audit;
    }

    /** A de-identified cohort summary. */
    public record CohortSummary(int size, boolean truncated, Map<String, Integer> cancerTypes, Map<String, Integer> sex,
                                Map<String, Integer> ageBands, Map<String, Integer> stageGroups,
                                Map<String, Integer> variantGenes, Map<String, Integer> regimensReceived,
                                List<DeidentifiedPatient> patients) {
    }

    /** One patient as a data scientist sees them: pseudonym and coded, non-identifying fields. */
    public record DeidentifiedPatient(String patientId, String ageBand, String sex, String cancerType, String stageGroup,
                                      int therapyLines) {
    }

    @WithSpan("gateway.cohorts.summary")
    public CohortSummary summary(CohortFilter filter, int listed) {
        if (listed < 0 || listed > MAX_LISTED) {
            throw ApiException.badRequest("listed", "listed must be between 0 and " + MAX_LISTED);
        }
        Map<String, Integer> types = new TreeMap<>();
        Map<String, Integer> sex = new TreeMap<>();
        Map<String, Integer> ages = new TreeMap<>();
        Map<String, Integer> stages = new TreeMap<>();
        Map<String, Integer> genes = new TreeMap<>();
        Map<String, Integer> regimens = new TreeMap<>();
        List<DeidentifiedPatient> patients = new ArrayList<>();
        int[] size = {0};
        profiles.streamDeidentified(filter, MAX_SUMMARY_PATIENTS + 1, p -> {
            if (size[0]++ >= MAX_SUMMARY_PATIENTS) {
                return;
            }
            String type = p.getCancer().getCancerType().name().replace("CANCER_TYPE_", "");
            types.merge(type, 1, Integer::sum);
            sex.merge(p.getSex().name().replace("SEX_", ""), 1, Integer::sum);
            ages.merge(p.getAgeBand().isEmpty() ? "unknown" : p.getAgeBand(), 1, Integer::sum);
            stages.merge(p.getCancer().getStageGroup().isEmpty() ? "unknown" : p.getCancer().getStageGroup(), 1,
                    Integer::sum);
            p.getGenomics().getVariantsList().stream().map(v -> v.getGene()).distinct()
                    .forEach(g -> genes.merge(g, 1, Integer::sum));
            p.getHistory().getTherapyLinesList().stream().map(TherapyLine::getRegimenId).distinct()
                    .forEach(r -> regimens.merge(r, 1, Integer::sum));
            if (patients.size() < listed) {
                patients.add(deidentified(p, type));
            }
        });
        boolean truncated = size[0] > MAX_SUMMARY_PATIENTS;
        int n = Math.min(size[0], MAX_SUMMARY_PATIENTS);
        audit.record(AuditAction.COHORT_READ, null, null, AuditEvent.Outcome.SUCCESS,
                "de-identified summary of " + n + " patients");
        return new CohortSummary(n, truncated, types, sex, ages, stages, genes, regimens, patients);
    }

    private static DeidentifiedPatient deidentified(PatientProfile p, String type) {
        return new DeidentifiedPatient(p.getPatientId(), p.getAgeBand(), p.getSex().name().replace("SEX_", ""), type,
                p.getCancer().getStageGroup(), p.getHistory().getTherapyLinesCount());
    }
}
