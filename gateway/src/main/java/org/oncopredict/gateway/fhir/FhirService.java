package org.oncopredict.gateway.fhir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.uhn.fhir.parser.DataFormatException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.Bundle;
import org.jboss.logging.Logger;
import org.oncopredict.auth.Roles;
import org.oncopredict.gateway.audit.AuditAction;
import org.oncopredict.gateway.audit.AuditEvent;
import org.oncopredict.gateway.audit.AuditLog;
import org.oncopredict.gateway.cds.ServiceAccount;
import org.oncopredict.gateway.clients.EfficacyServiceClient;
import org.oncopredict.gateway.clients.ProfileServiceClient;
import org.oncopredict.gateway.clients.ServiceUnavailableException;
import org.oncopredict.gateway.rest.ApiException;
import org.oncopredict.gateway.rest.Problem;
import org.oncopredict.gateway.security.Access;
import org.oncopredict.gateway.security.CurrentUser;
import org.oncopredict.proto.efficacy.v1.PredictTreatmentOutcomesResponse;
import org.oncopredict.proto.efficacy.v1.Regimen;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.CohortFilter;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.PatientSummary;

/**
 * FHIR import and export: access checks, the calls to the services and the audit records. The mapping itself is in
 * {@link FhirToProfile}, {@link ProfileMerge} and {@link ProfileToFhir}.
 *
 * <p>Import: parse strictly → map (an invalid bundle stops here, nothing written) → find the patient by MRN → merge
 * onto the stored profile (or an empty one) → unchanged? then no write → one CreatePatientProfile or
 * UpdatePatientProfile (one transaction in the profile service: all or nothing; its validation errors come back as
 * OperationOutcome issues on the entries they came from). Oncologists import with their own token (the profile
 * service applies their care-team scope as for any write) and only into their care teams; admins import with the
 * gateway's service-account token (the profile service lets no admin write clinical data), audited under the admin.
 */
@ApplicationScoped
public class FhirService {

    private static final Logger LOG = Logger.getLogger(FhirService.class);

    /** What an import did. */
    public record ImportOutcome(String action, String patientId, long version, List<ImportIssue> issues) {
    }

    private final FhirJson json;
    private final ProfileServiceClient profiles;
    private final EfficacyServiceClient efficacy;
    private final ServiceAccount serviceAccount;
    private final Access access;
    private final AuditLog audit;
    private final CurrentUser user;
    private final String mrnSystem;

    public FhirService(FhirJson json, ProfileServiceClient profiles, EfficacyServiceClient efficacy,
                       ServiceAccount serviceAccount, Access access, AuditLog audit, CurrentUser user,
                       @ConfigProperty(name = "oncopredict.fhir.mrn-system", defaultValue = FhirCodes.DEFAULT_MRN_SYSTEM)
                       String mrnSystem) {
        this.json = json;
        this.profiles = profiles;
        this.efficacy = efficacy;
        this.serviceAccount = serviceAccount;
        this.access = access;
        this.audit = audit;
        this.user = user;
        this.mrnSystem = mrnSystem;
    }

    public String mrnSystem() {
        return mrnSystem;
    }

    // ------------------------------------------------------------------------------------------ import

    @WithSpan("gateway.fhir.import")
    public ImportOutcome importBundle(String body, String careTeamParam) {
        Bundle bundle;
        try {
            bundle = json.parse(body, Bundle.class);
        } catch (DataFormatException | ClassCastException e) {
            throw new FhirException(400, "not a valid FHIR R4 JSON Bundle", List.of(ImportIssue.error(-1, "Bundle",
                    "not a valid FHIR R4 JSON Bundle: " + clip(e.getMessage()))), null, null, null);
        }
        boolean admin = !user.hasRole(Roles.ONCOLOGIST);
        String token = admin ? serviceAccount.token() : user.accessToken();
        List<ImportIssue> extra = new ArrayList<>();
        List<Regimen> catalogue;
        try {
            catalogue = efficacy.regimens(CancerType.CANCER_TYPE_UNSPECIFIED, token).getRegimensList();
        } catch (ServiceUnavailableException e) {
            catalogue = List.of();
            extra.add(ImportIssue.warning(-1, "Bundle", "the regimen catalogue could not be read (efficacy service "
                    + "unavailable): regimen codes are taken as given, medication names are not matched"));
        }
        FhirToProfile.Mapped mapped = new FhirToProfile(mrnSystem, catalogue).map(bundle);
        List<ImportIssue> issues = new ArrayList<>(mapped.issues());
        issues.addAll(0, extra);
        if (!mapped.valid()) {
            throw new FhirException(422, "the bundle is invalid; nothing was imported", issues, null, null, null);
        }
        PatientProfile stored = findByMrn(mapped.mrn(), token);
        Set<String> present = new java.util.HashSet<>(mapped.present());
        PatientProfile incoming = mapped.profile();
        if (!present.contains("careTeams")) {
            if (stored == null) {
                String team = careTeamParam != null && !careTeamParam.isBlank() ? careTeamParam.strip()
                        : !admin && user.careTeams().size() == 1 ? user.careTeams().iterator().next() : null;
                if (team == null) {
                    issues.add(ImportIssue.error(-1, "Bundle", "a new patient needs a care team: add a CareTeam "
                            + "(identifier system " + FhirCodes.CARE_TEAM + ") or the careTeam query parameter"
                            + (admin ? "" : " (one of yours: " + user.careTeams() + ")")));
                    throw new FhirException(422, "no care team for a new patient; nothing was imported", issues, null,
                            null, null);
                }
                incoming = incoming.toBuilder().addCareTeams(team).build();
                present.add("careTeams");
            }
        }
        if (stored != null && !admin) {
            access.requireWrite(stored);
        }
        PatientProfile merged = ProfileMerge.merge(stored == null ? PatientProfile.getDefaultInstance() : stored,
                incoming, present);
        if (!admin) {
            access.requireOwnCareTeam(merged.getCareTeamsList(), stored == null ? null : stored.getPatientId());
        }
        if (stored != null && ProfileMerge.comparable(merged).equals(ProfileMerge.comparable(stored))) {
            audit.recordAfterWrite(AuditAction.PATIENT_UPDATE, stored.getPatientId(), null,
                    "FHIR import: unchanged, nothing written (" + summary(issues) + ")");
            return new ImportOutcome("unchanged", stored.getPatientId(), stored.getVersion(), issues);
        }
        PatientProfile written;
        try {
            written = stored == null ? profiles.create(merged, token)
                    : profiles.update(merged, stored.getVersion(), token);
        } catch (ApiException e) {
            if (e.status() == 400) {
                throw new FhirException(422, "the profile service rejected the imported data; nothing was imported",
                        withFieldErrors(issues, e.errors(), mapped, merged), null, null, e);
            }
            throw e;
        }
        audit.recordAfterWrite(stored == null ? AuditAction.PATIENT_CREATE : AuditAction.PATIENT_UPDATE,
                written.getPatientId(), null, "FHIR import" + (admin ? " (as admin, service account)" : "") + ": "
                        + summary(issues) + ", version " + written.getVersion());
        LOG.infof("FHIR import %s patient %s (version %d)", stored == null ? "created" : "updated",
                written.getPatientId(), written.getVersion());
        return new ImportOutcome(stored == null ? "created" : "updated", written.getPatientId(), written.getVersion(),
                issues);
    }

    private PatientProfile findByMrn(String mrn, String token) {
        var page = profiles.list(CohortFilter.getDefaultInstance(), mrn, 20, "", token);
        for (PatientSummary s : page.getPatientsList()) {
            if (s.getIdentity().getMrn().equalsIgnoreCase(mrn)) {
                return profiles.get(s.getPatientId(), token);
            }
        }
        return null;
    }

    /** The profile service's field errors, each on the bundle entry its value came from (when known). */
    private static List<ImportIssue> withFieldErrors(List<ImportIssue> issues, List<Problem.FieldError> errors,
                                                     FhirToProfile.Mapped mapped, PatientProfile merged) {
        Map<String, Integer> paths = new HashMap<>(mapped.scalarEntries());
        var h = merged.getHistory();
        index(paths, "history.ecog", h.getEcogList(), mapped.itemEntries());
        index(paths, "history.labs", h.getLabsList(), mapped.itemEntries());
        index(paths, "history.comorbidities", h.getComorbiditiesList(), mapped.itemEntries());
        var g = merged.getGenomics();
        index(paths, "genomics.variants", g.getVariantsList(), mapped.itemEntries());
        index(paths, "genomics.copyNumberAlterations", g.getCopyNumberAlterationsList(), mapped.itemEntries());
        index(paths, "genomics.fusions", g.getFusionsList(), mapped.itemEntries());
        for (int i = 0; i < h.getTherapyLinesCount(); i++) {
            var line = h.getTherapyLines(i);
            for (var e : mapped.itemEntries().entrySet()) {
                if (e.getKey() instanceof org.oncopredict.proto.profile.v1.TherapyLine l
                        && l.getRegimenId().equals(line.getRegimenId()) && l.getStartDate().equals(line.getStartDate())) {
                    paths.put("history.therapyLines[" + i + "]", e.getValue());
                }
            }
        }
        List<ImportIssue> out = new ArrayList<>(issues);
        for (Problem.FieldError f : errors) {
            String field = f.field();
            Integer entry = null;
            String best = "";
            for (var p : paths.entrySet()) {
                if ((field.equals(p.getKey()) || field.startsWith(p.getKey() + ".") || field.startsWith(p.getKey() + "["))
                        && p.getKey().length() > best.length()) {
                    best = p.getKey();
                    entry = p.getValue();
                }
            }
            out.add(new ImportIssue(entry == null ? -1 : entry, field, ImportIssue.Kind.ERROR,
                    "profile field " + field + ": " + f.message()));
        }
        return out;
    }

    private static void index(Map<String, Integer> paths, String path, List<?> items, Map<Object, Integer> origin) {
        for (int i = 0; i < items.size(); i++) {
            Integer entry = origin.get(items.get(i));
            if (entry != null) {
                paths.put(path + "[" + i + "]", entry);
            }
        }
    }

    static String summary(List<ImportIssue> issues) {
        long imported = issues.stream().filter(i -> i.kind() == ImportIssue.Kind.IMPORTED).count();
        long ignored = issues.stream().filter(i -> i.kind() == ImportIssue.Kind.IGNORED).count();
        return imported + " resources imported, " + ignored + " ignored";
    }

    private static String clip(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    // ------------------------------------------------------------------------------------------ export

    /** The profile as a collection bundle; with {@code predictions}, its RiskAssessments and the model Device. */
    @WithSpan("gateway.fhir.everything")
    public Bundle everything(String id, boolean predictions) {
        PatientProfile p = readable(id);
        audit.record(AuditAction.PATIENT_READ, id, null, AuditEvent.Outcome.SUCCESS, "FHIR $everything"
                + (predictions ? " with predictions" : ""));
        ProfileToFhir export = new ProfileToFhir(mrnSystem);
        if (!predictions) {
            return export.export(p);
        }
        return export.export(p, predict(id));
    }

    /** The patient's current predictions as RiskAssessments (searchset, the model Device included). */
    @WithSpan("gateway.fhir.risk-assessments")
    public Bundle riskAssessments(String id) {
        readable(id);
        return new ProfileToFhir(mrnSystem).riskAssessments(id, predict(id));
    }

    private PredictTreatmentOutcomesResponse predict(String id) {
        PredictTreatmentOutcomesResponse r;
        try {
            r = efficacy.predict(id, List.of(), false);
        } catch (ServiceUnavailableException e) {
            audit.recordFailure(AuditAction.PREDICTION, id, null, e.getMessage());
            throw e;
        }
        audit.record(AuditAction.PREDICTION, id, r.getModel().getVersion(), AuditEvent.Outcome.SUCCESS,
                r.getPredictionsCount() + " regimens as FHIR RiskAssessments");
        return r;
    }

    /** The Patient resource alone. */
    public org.hl7.fhir.r4.model.Patient patient(String id) {
        PatientProfile p = readable(id);
        audit.record(AuditAction.PATIENT_READ, id, null, AuditEvent.Outcome.SUCCESS, "FHIR Patient");
        Bundle b = new ProfileToFhir(mrnSystem).export(p);
        return (org.hl7.fhir.r4.model.Patient) b.getEntryFirstRep().getResource();
    }

    private PatientProfile readable(String id) {
        PatientProfile p = profiles.get(id);
        access.requireRead(p);
        return p;
    }
}
