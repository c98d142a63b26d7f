package org.oncopredict.gateway.cds;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.jboss.logging.Logger;
import org.oncopredict.gateway.audit.AuditAction;
import org.oncopredict.gateway.audit.AuditEvent;
import org.oncopredict.gateway.audit.AuditLog;
import org.oncopredict.gateway.clients.EfficacyServiceClient;
import org.oncopredict.gateway.clients.ProfileServiceClient;
import org.oncopredict.gateway.fhir.FhirCodes;
import org.oncopredict.gateway.fhir.FhirJson;
import org.oncopredict.gateway.fhir.FhirService;
import org.oncopredict.gateway.fhir.FhirToProfile;
import org.oncopredict.gateway.rest.ApiException;
import org.oncopredict.proto.efficacy.v1.EligibilityReason;
import org.oncopredict.proto.efficacy.v1.EligibilityStatus;
import org.oncopredict.proto.efficacy.v1.Indication;
import org.oncopredict.proto.efficacy.v1.ModelInfo;
import org.oncopredict.proto.efficacy.v1.PatientPredictions;
import org.oncopredict.proto.efficacy.v1.PredictionBatch;
import org.oncopredict.proto.efficacy.v1.ProbabilityEstimate;
import org.oncopredict.proto.efficacy.v1.ReasonSeverity;
import org.oncopredict.proto.efficacy.v1.Regimen;
import org.oncopredict.proto.efficacy.v1.RegimenPrediction;
import org.oncopredict.proto.efficacy.v1.Support;
import org.oncopredict.proto.efficacy.v1.SurvivalPoint;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.CohortFilter;
import org.oncopredict.proto.profile.v1.PatientProfile;

import static org.oncopredict.gateway.cds.CdsModels.Action;
import static org.oncopredict.gateway.cds.CdsModels.Card;
import static org.oncopredict.gateway.cds.CdsModels.Cards;
import static org.oncopredict.gateway.cds.CdsModels.Coding;
import static org.oncopredict.gateway.cds.CdsModels.Link;
import static org.oncopredict.gateway.cds.CdsModels.Source;
import static org.oncopredict.gateway.cds.CdsModels.Suggestion;

/**
 * The CDS Hooks services: which patient a call is about, the predictions behind the cards, and the cards.
 *
 * <p><b>Patient</b>: {@code context.patientId} when it is an OncoPredict pseudonym; otherwise the MRN identifier
 * (system {@code oncopredict.fhir.mrn-system} or type MR) of the prefetched {@code patient}. A patient OncoPredict
 * does not hold gets no cards. Data are read with the gateway's service account (the CDS client's JWT is not a user
 * token); the EHR's FHIR server is never called.
 *
 * <p><b>patient-view</b> cards: one per met biomarker-targeted indication (e.g. "EGFR activating mutation:
 * EGFR-targeted options eligible — Osimertinib, Gefitinib", info), the top predicted eligible options (info), data
 * caveats (warning), and a warning when the EHR's prefetched primary cancer condition names another cancer type than
 * the profile.
 *
 * <p><b>order-select</b>: each selected draft MedicationRequest naming a catalogue regimen (coding system
 * {@value FhirCodes#REGIMEN}, code = catalogue regimen id; or a single-drug regimen by name) gets one card: critical
 * when the regimen is CONTRAINDICATED (with a suggestion to replace it by the best eligible option), warning when it
 * is NOT_INDICATED or predicted clearly worse than an eligible alternative, info otherwise. "Clearly worse": an
 * eligible alternative (not out of distribution) whose point estimate of P(response) — or of S(12 months) PFS — lies
 * above the upper bound of the proposed regimen's 90 % interval, and whose P(grade ≥ 3 toxicity) point estimate is not
 * above the proposed regimen's upper toxicity bound (better benefit not bought with clearly more harm).
 */
@ApplicationScoped
public class CdsService {

    private static final Logger LOG = Logger.getLogger(CdsService.class);
    public static final String PATIENT_VIEW = "oncopredict-patient-view";
    public static final String ORDER_SELECT = "oncopredict-order-select";
    private static final long CATALOGUE_TTL_MS = 300_000;
    private static final int REMEMBERED_CARDS = 10_000;

    /** What a card was about, for its feedback's audit record. */
    record CardInfo(String patientId, String service, String kind, String regimenId, Long modelVersion) {
    }

    private final ProfileServiceClient profiles;
    private final EfficacyServiceClient efficacy;
    private final ServiceAccount account;
    private final FhirJson fhir;
    private final FhirService fhirService;
    private final AuditLog audit;
    private final ObjectMapper mapper;
    private final CdsConfig config;
    private volatile List<Regimen> catalogue = List.of();
    private volatile long catalogueAt;
    private final Map<String, CardInfo> cards = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CardInfo> eldest) {
            return size() > REMEMBERED_CARDS;
        }
    });

    public CdsService(ProfileServiceClient profiles, EfficacyServiceClient efficacy, ServiceAccount account,
                      FhirJson fhir, FhirService fhirService, AuditLog audit, ObjectMapper mapper, CdsConfig config) {
        this.profiles = profiles;
        this.efficacy = efficacy;
        this.account = account;
        this.fhir = fhir;
        this.fhirService = fhirService;
        this.audit = audit;
        this.mapper = mapper;
        this.config = config;
    }

    // ------------------------------------------------------------------------------------------ discovery

    public CdsModels.Discovery discovery() {
        Map<String, String> patient = Map.of("patient", "Patient/{{context.patientId}}");
        Map<String, String> withConditions = new LinkedHashMap<>(patient);
        withConditions.put("conditions", "Condition?patient={{context.patientId}}&category=problem-list-item");
        return new CdsModels.Discovery(List.of(
                new CdsModels.Service("patient-view", "OncoPredict treatment options",
                        "Biomarker-matched treatment options and the top predicted regimens (response, grade >= 3 "
                                + "toxicity, PFS at 12 months with 90% intervals) for an oncology patient known to "
                                + "OncoPredict. Decision support, not a decision.", PATIENT_VIEW, withConditions,
                        "Signed JWT of an allow-listed CDS client (see the OncoPredict README)."),
                new CdsModels.Service("order-select", "OncoPredict regimen check",
                        "Checks a selected draft MedicationRequest naming a catalogue regimen (coding system "
                                + FhirCodes.REGIMEN + "): critical when contraindicated, warning when not indicated "
                                + "or predicted clearly worse than an eligible alternative.", ORDER_SELECT, patient,
                        "Signed JWT of an allow-listed CDS client (see the OncoPredict README).")));
    }

    // ------------------------------------------------------------------------------------------ service calls

    @WithSpan("gateway.cds.call")
    public Cards call(String serviceId, JsonNode request, String requestBaseUrl) {
        String hook = text(request, "hook");
        String expectedHook = switch (serviceId) {
            case PATIENT_VIEW -> "patient-view";
            case ORDER_SELECT -> "order-select";
            default -> throw ApiException.notFound("No CDS service '" + serviceId + "'; see GET /cds-services");
        };
        if (!expectedHook.equals(hook)) {
            throw ApiException.badRequest("hook", "this service answers the hook '" + expectedHook + "' (was '" + hook
                    + "')");
        }
        if (text(request, "hookInstance") == null) {
            throw ApiException.badRequest("hookInstance", "hookInstance (a UUID) is required");
        }
        JsonNode context = request.path("context");
        String contextPatient = text(context, "patientId");
        if (contextPatient == null) {
            throw ApiException.badRequest("context.patientId", "context.patientId is required");
        }
        String token = account.token();
        PatientProfile profile = resolve(contextPatient, request.path("prefetch").path("patient"), token);
        if (profile == null) {
            return new Cards(List.of(), null);
        }
        String pid = profile.getPatientId();
        audit.record(AuditAction.PATIENT_READ, pid, null, AuditEvent.Outcome.SUCCESS, "CDS Hooks " + hook);
        List<Regimen> regimens = catalogue(token);
        PredictionBatch batch = efficacy.predictAsService(pid, List.of(), true, token);
        PatientPredictions predictions = batch.getPatientsCount() == 0 ? PatientPredictions.getDefaultInstance()
                : batch.getPatients(0);
        if (!predictions.getError().isEmpty()) {
            LOG.warnf("CDS %s: no predictions for %s (%s)", hook, pid, predictions.getError());
            return new Cards(List.of(), null);
        }
        ModelInfo model = batch.getModel();
        audit.record(AuditAction.PREDICTION, pid, model.getVersion(), AuditEvent.Outcome.SUCCESS,
                "CDS Hooks " + hook + ": " + predictions.getPredictionsCount() + " regimens");
        String ui = uiBase(requestBaseUrl);
        List<Card> out = serviceId.equals(PATIENT_VIEW)
                ? patientView(profile, predictions, model, regimens, request.path("prefetch").path("conditions"), ui)
                : orderSelect(profile, predictions, model, regimens, context, ui, token);
        for (Card c : out) {
            cards.put(c.uuid(), new CardInfo(pid, serviceId, c.source().topic() == null ? null : c.source().topic().code(),
                    null, model.getVersion()));
        }
        return new Cards(out, null);
    }

    /** What a card was about (null when it is unknown or forgotten). */
    CardInfo card(String uuid) {
        return uuid == null ? null : cards.get(uuid);
    }

    private PatientProfile resolve(String contextPatient, JsonNode prefetchPatient, String token) {
        if (contextPatient.matches("^P-[A-Z0-9]{10}$")) {
            try {
                return profiles.get(contextPatient, token);
            } catch (ApiException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
        if (prefetchPatient.isMissingNode() || prefetchPatient.isNull()) {
            return null;
        }
        Patient patient;
        try {
            patient = fhir.parseLenient(prefetchPatient.toString(), Patient.class);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("prefetch.patient", "prefetch.patient is not a FHIR R4 Patient");
        }
        for (Identifier id : patient.getIdentifier()) {
            boolean mr = id.getType().getCoding().stream().anyMatch(c -> FhirCodes.V2_0203.equals(c.getSystem())
                    && "MR".equals(c.getCode()));
            if (id.hasValue() && (fhirService.mrnSystem().equals(id.getSystem()) || mr)) {
                var page = profiles.list(CohortFilter.getDefaultInstance(), id.getValue(), 5, "", token);
                for (var s : page.getPatientsList()) {
                    if (s.getIdentity().getMrn().equalsIgnoreCase(id.getValue())) {
                        return profiles.get(s.getPatientId(), token);
                    }
                }
            }
        }
        return null;
    }

    private List<Regimen> catalogue(String token) {
        if (System.currentTimeMillis() - catalogueAt > CATALOGUE_TTL_MS || catalogue.isEmpty()) {
            catalogue = efficacy.regimens(CancerType.CANCER_TYPE_UNSPECIFIED, token).getRegimensList();
            catalogueAt = System.currentTimeMillis();
        }
        return catalogue;
    }

    // ------------------------------------------------------------------------------------------ patient-view

    /** Catalogue biomarkers that make an indication "targeted", with how a card names them. */
    static final Map<String, String[]> TARGETED = Map.ofEntries(
            Map.entry("EGFR_ACTIVATING", new String[]{"EGFR activating mutation", "EGFR-targeted"}),
            Map.entry("ALK_FUSION", new String[]{"ALK fusion", "ALK-targeted"}),
            Map.entry("KRAS_G12C", new String[]{"KRAS G12C", "KRAS G12C-targeted"}),
            Map.entry("BRAF_V600E", new String[]{"BRAF V600E", "BRAF-targeted"}),
            Map.entry("HER2_POSITIVE", new String[]{"HER2-positive", "HER2-targeted"}),
            Map.entry("HER2_LOW", new String[]{"HER2-low", "HER2-targeted"}),
            Map.entry("MSI_H", new String[]{"MSI-high", "immune checkpoint"}),
            Map.entry("PDL1_TPS_AT_LEAST_50", new String[]{"PD-L1 TPS >= 50%", "immune checkpoint"}),
            Map.entry("PDL1_TPS_AT_LEAST_1", new String[]{"PD-L1 TPS >= 1%", "immune checkpoint"}),
            Map.entry("HR_POSITIVE", new String[]{"hormone-receptor positive", "endocrine"}),
            Map.entry("RAS_WILD_TYPE", new String[]{"RAS wild-type", "anti-EGFR antibody"}));

    /**
     * The targeted biomarkers of the indication a prediction met (empty when none is met). A met indication may still
     * be contraindicated (e.g. progression on the same drug): such regimens are named, with the reason.
     */
    static List<String> metTargets(RegimenPrediction p, List<Regimen> catalogue) {
        if (p.getEligibility().getIndicationSummary().isEmpty()
                || p.getEligibility().getStatus() == EligibilityStatus.ELIGIBILITY_STATUS_NOT_INDICATED) {
            return List.of();
        }
        for (Regimen r : catalogue) {
            if (r.getId().equals(p.getRegimenId())) {
                for (Indication i : r.getIndicationsList()) {
                    if (i.getSummary().equals(p.getEligibility().getIndicationSummary())) {
                        return i.getRequiredBiomarkersList().stream().filter(TARGETED::containsKey).toList();
                    }
                }
            }
        }
        return List.of();
    }

    /** "Osimertinib: contraindicated" etc. */
    static String status(RegimenPrediction p) {
        return p.getRegimenName() + ": " + p.getEligibility().getStatus().name().substring("ELIGIBILITY_STATUS_".length())
                .toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private List<Card> patientView(PatientProfile profile, PatientPredictions predictions, ModelInfo model,
                                   List<Regimen> regimens, JsonNode conditions, String ui) {
        String pid = profile.getPatientId();
        List<Card> out = new ArrayList<>();
        Map<String, List<RegimenPrediction>> byTarget = new LinkedHashMap<>();
        for (RegimenPrediction p : predictions.getPredictionsList()) {
            for (String t : metTargets(p, regimens)) {
                byTarget.computeIfAbsent(t, k -> new ArrayList<>()).add(p);
            }
        }
        for (var e : byTarget.entrySet()) {
            String[] label = TARGETED.get(e.getKey());
            List<RegimenPrediction> options = e.getValue();
            List<RegimenPrediction> ok = options.stream().filter(CdsService::eligible).toList();
            String summary = ok.isEmpty()
                    ? summary(label[0] + ": no " + label[1] + " option eligible ("
                    + String.join(", ", options.stream().map(CdsService::status).toList()) + ")")
                    : summary(label[0] + ": " + label[1] + " option" + (ok.size() > 1 ? "s" : "") + " eligible — "
                    + String.join(", ", ok.stream().map(RegimenPrediction::getRegimenName).toList()));
            StringBuilder d = new StringBuilder("The patient's **" + label[0] + "** meets the indication of "
                    + (options.size() > 1 ? "these catalogue regimens" : "this catalogue regimen") + ":\n\n");
            table(d, options);
            for (RegimenPrediction p : options) {
                d.append("\n- ").append(p.getRegimenName()).append(": ").append(p.getEligibility().getIndicationSummary())
                        .append(p.getEvidenceLevel().isEmpty() ? "" : " (evidence " + p.getEvidenceLevel() + ", "
                                + p.getEvidenceSource() + ")");
                if (!eligible(p)) {
                    p.getEligibility().getReasonsList().stream()
                            .filter(r -> r.getSeverity() == ReasonSeverity.REASON_SEVERITY_CONTRAINDICATED)
                            .forEach(r -> d.append("\n  - **").append(r.getMessage()).append("**"));
                }
            }
            disclaimer(d, model);
            List<Suggestion> suggestions = ok.isEmpty() ? null : ok.stream().map(p -> new Suggestion("Propose "
                    + p.getRegimenName(), UUID.randomUUID().toString(), null, List.of(new Action("create",
                    "Draft an order for " + p.getRegimenName(), draftOrder(pid, p), null)))).toList();
            out.add(new Card(UUID.randomUUID().toString(), summary, d.toString(), "info",
                    source(model, ui, pid, "biomarker-matched-options"), suggestions,
                    suggestions == null ? null : "at-most-one", null, links(ui, pid)));
        }
        List<RegimenPrediction> eligible = predictions.getPredictionsList().stream().filter(CdsService::eligible)
                .filter(RegimenPrediction::hasResponse).toList();
        if (!eligible.isEmpty()) {
            RegimenPrediction top = eligible.get(0);
            String summary = summary("Top predicted option: " + top.getRegimenName() + " — response "
                    + pct(top.getResponse()) + ", PFS 12 mo " + pfs12(top));
            StringBuilder d = new StringBuilder("Eligible regimens ranked by predicted benefit (24-month restricted "
                    + "mean PFS):\n\n");
            table(d, eligible.subList(0, Math.min(5, eligible.size())));
            long ineligible = predictions.getPredictionsList().stream().filter(p -> !eligible(p)).count();
            if (ineligible > 0) {
                d.append("\n").append(ineligible).append(" further regimen(s) are not indicated or contraindicated; "
                        + "see OncoPredict for the reasons.\n");
            }
            disclaimer(d, model);
            out.add(new Card(UUID.randomUUID().toString(), summary, d.toString(), "info",
                    source(model, ui, pid, "top-options"), null, null, null, links(ui, pid)));
        }
        List<String> caveats = new ArrayList<>(predictions.getWarningsList());
        if (!eligible.isEmpty() && eligible.get(0).getSupport() != Support.SUPPORT_ADEQUATE) {
            caveats.add(eligible.get(0).getRegimenName() + ": " + (eligible.get(0).getSupport()
                    == Support.SUPPORT_OUT_OF_DISTRIBUTION ? "the patient lies outside the model's training data"
                    : "few comparable treated patients") + " (" + String.join("; ", eligible.get(0).getSupportWarningsList()) + ")");
        }
        if (!caveats.isEmpty()) {
            StringBuilder d = new StringBuilder("Interpret the predictions with care:\n\n");
            caveats.forEach(c -> d.append("- ").append(c).append("\n"));
            disclaimer(d, model);
            out.add(new Card(UUID.randomUUID().toString(), summary("Prediction caveats: " + caveats.get(0)),
                    d.toString(), "warning", source(model, ui, pid, "caveats"), null, null, null, links(ui, pid)));
        }
        CancerType ehr = ehrCancerType(conditions);
        CancerType ours = profile.getCancer().getCancerType();
        if (ehr != null && ours != CancerType.CANCER_TYPE_UNSPECIFIED && ehr != ours) {
            out.add(new Card(UUID.randomUUID().toString(), summary("EHR diagnosis (" + name(ehr)
                    + ") differs from the OncoPredict profile (" + name(ours) + ")"),
                    "The EHR's problem list names a primary cancer of type **" + name(ehr) + "**, OncoPredict's "
                            + "profile **" + name(ours) + "**. The predictions use the profile: reconcile the two "
                            + "before relying on them (e.g. re-import the patient's record as FHIR).\n\n_Decision support, "
                            + "not a decision._",
                    "warning", source(model, ui, pid, "data-mismatch"), null, null, null, links(ui, pid)));
        }
        return out;
    }

    private CancerType ehrCancerType(JsonNode conditions) {
        if (conditions.isMissingNode() || conditions.isNull()) {
            return null;
        }
        try {
            Bundle b = fhir.parseLenient(conditions.toString(), Bundle.class);
            for (Bundle.BundleEntryComponent e : b.getEntry()) {
                if (e.getResource() instanceof Condition c) {
                    CancerType t = FhirToProfile.cancerTypeOf(c);
                    if (t != null) {
                        return t;
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf("prefetch.conditions is not a FHIR R4 Bundle (%s); not compared", e.getClass().getSimpleName());
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ order-select

    private List<Card> orderSelect(PatientProfile profile, PatientPredictions predictions, ModelInfo model,
                                   List<Regimen> regimens, JsonNode context, String ui, String token) {
        String pid = profile.getPatientId();
        JsonNode drafts = context.path("draftOrders");
        if (drafts.isMissingNode() || drafts.isNull()) {
            throw ApiException.badRequest("context.draftOrders", "context.draftOrders (a Bundle) is required");
        }
        Bundle bundle;
        try {
            bundle = fhir.parseLenient(drafts.toString(), Bundle.class);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("context.draftOrders", "context.draftOrders is not a FHIR R4 Bundle");
        }
        List<String> selections = new ArrayList<>();
        context.path("selections").forEach(s -> selections.add(s.asText()));
        FhirToProfile mapping = new FhirToProfile(fhirService.mrnSystem(), regimens);
        List<Card> out = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            if (!(e.getResource() instanceof MedicationRequest m)) {
                continue;
            }
            String ref = "MedicationRequest/" + m.getIdElement().getIdPart();
            if (!selections.isEmpty() && !selections.contains(ref)) {
                continue;
            }
            String regimenId = m.hasMedicationCodeableConcept() ? mapping.regimen(m.getMedicationCodeableConcept()) : null;
            if (regimenId == null) {
                continue;
            }
            RegimenPrediction proposed = predictions.getPredictionsList().stream()
                    .filter(p -> p.getRegimenId().equals(regimenId)).findFirst().orElse(null);
            if (proposed == null) {
                PredictionBatch other = efficacy.predictAsService(pid, List.of(regimenId), true, token);
                proposed = other.getPatientsCount() == 0 || other.getPatients(0).getPredictionsCount() == 0 ? null
                        : other.getPatients(0).getPredictions(0);
            }
            if (proposed == null) {
                continue;
            }
            out.add(orderCard(pid, proposed, predictions.getPredictionsList(), model, ui, ref));
        }
        return out;
    }

    private Card orderCard(String pid, RegimenPrediction p, List<RegimenPrediction> all, ModelInfo model, String ui,
                           String orderRef) {
        EligibilityStatus status = p.getEligibility().getStatus();
        Optional<RegimenPrediction> best = all.stream().filter(CdsService::eligible)
                .filter(a -> !a.getRegimenId().equals(p.getRegimenId())).findFirst();
        if (status == EligibilityStatus.ELIGIBILITY_STATUS_CONTRAINDICATED) {
            List<EligibilityReason> reasons = p.getEligibility().getReasonsList().stream()
                    .filter(r -> r.getSeverity() == ReasonSeverity.REASON_SEVERITY_CONTRAINDICATED).toList();
            String first = reasons.isEmpty() ? "a contraindication applies" : reasons.get(0).getMessage();
            StringBuilder d = new StringBuilder("**" + p.getRegimenName() + " is contraindicated** for this patient:\n\n");
            reasons.forEach(r -> d.append("- ").append(r.getMessage()).append(r.getPatientValue().isEmpty() ? ""
                    : " (" + r.getPatientValue() + ")").append("\n"));
            best.ifPresent(b -> {
                d.append("\nBest eligible alternative by predicted benefit:\n\n");
                table(d, List.of(b));
            });
            disclaimer(d, model);
            return new Card(UUID.randomUUID().toString(), summary("Contraindicated: " + p.getRegimenName() + " — " + first),
                    d.toString(), "critical", source(model, ui, pid, "contraindicated"), replace(pid, orderRef, best),
                    "at-most-one", overrideReasons(), links(ui, pid));
        }
        if (status == EligibilityStatus.ELIGIBILITY_STATUS_NOT_INDICATED) {
            List<EligibilityReason> reasons = p.getEligibility().getReasonsList().stream()
                    .filter(r -> r.getSeverity() == ReasonSeverity.REASON_SEVERITY_NOT_INDICATED).toList();
            String first = reasons.isEmpty() ? "indication not met" : reasons.get(0).getMessage();
            StringBuilder d = new StringBuilder("**" + p.getRegimenName() + " is not indicated** for this patient:\n\n");
            reasons.forEach(r -> d.append("- ").append(r.getMessage()).append("\n"));
            best.ifPresent(b -> {
                d.append("\nBest eligible option by predicted benefit:\n\n");
                table(d, List.of(b));
            });
            disclaimer(d, model);
            return new Card(UUID.randomUUID().toString(), summary("Not indicated: " + p.getRegimenName() + " — " + first),
                    d.toString(), "warning", source(model, ui, pid, "not-indicated"), replace(pid, orderRef, best),
                    "at-most-one", overrideReasons(), links(ui, pid));
        }
        Optional<RegimenPrediction> better = clearlyBetter(p, all);
        if (better.isPresent()) {
            RegimenPrediction b = better.get();
            StringBuilder d = new StringBuilder("**" + b.getRegimenName() + "** is predicted clearly better than **"
                    + p.getRegimenName() + "** for this patient: its point estimate lies above the upper bound of "
                    + p.getRegimenName() + "'s " + level(model) + " interval, without clearly more grade ≥ 3 toxicity.\n\n");
            table(d, List.of(p, b));
            disclaimer(d, model);
            return new Card(UUID.randomUUID().toString(), summary("Predicted clearly worse than " + b.getRegimenName()
                    + ": " + p.getRegimenName() + " response " + pct(p.getResponse()) + " vs "
                    + pct(b.getResponse())), d.toString(), "warning", source(model, ui, pid, "clearly-worse"),
                    replace(pid, orderRef, better), "at-most-one", overrideReasons(), links(ui, pid));
        }
        StringBuilder d = new StringBuilder("Predicted outcomes of the proposed regimen:\n\n");
        table(d, List.of(p));
        disclaimer(d, model);
        return new Card(UUID.randomUUID().toString(), summary(p.getRegimenName() + ": response "
                + pct(p.getResponse()) + ", grade ≥3 toxicity " + pct(p.getSevereToxicity()) + ", PFS 12 mo "
                + pfs12(p)), d.toString(), "info", source(model, ui, pid, "proposed-regimen"), null, null, null,
                links(ui, pid));
    }

    /** The best-ranked eligible alternative that is clearly better (see the class comment), if any. */
    static Optional<RegimenPrediction> clearlyBetter(RegimenPrediction p, List<RegimenPrediction> all) {
        return all.stream().filter(CdsService::eligible)
                .filter(a -> !a.getRegimenId().equals(p.getRegimenId()))
                .filter(a -> a.getSupport() != Support.SUPPORT_OUT_OF_DISTRIBUTION)
                .filter(a -> {
                    boolean response = a.hasResponse() && p.hasResponse()
                            && a.getResponse().getProbability() > p.getResponse().getUpper();
                    SurvivalPoint as = fhirPfs12(a);
                    SurvivalPoint ps = fhirPfs12(p);
                    boolean pfs = as != null && ps != null && as.getSurvival() > ps.getUpper();
                    boolean notMoreToxic = !a.hasSevereToxicity() || !p.hasSevereToxicity()
                            || a.getSevereToxicity().getProbability() <= p.getSevereToxicity().getUpper();
                    return (response || pfs) && notMoreToxic;
                })
                .findFirst();
    }

    private static SurvivalPoint fhirPfs12(RegimenPrediction p) {
        if (!p.hasProgressionFreeSurvival()) {
            return null;
        }
        return p.getProgressionFreeSurvival().getLandmarksList().stream().filter(l -> l.getMonth() == 12.0)
                .findFirst().orElse(null);
    }

    private List<Suggestion> replace(String pid, String orderRef, Optional<RegimenPrediction> alternative) {
        return alternative.map(a -> List.of(new Suggestion("Replace with " + a.getRegimenName(),
                UUID.randomUUID().toString(), null, List.of(
                new Action("delete", "Remove the draft order", null, orderRef),
                new Action("create", "Draft an order for " + a.getRegimenName(), draftOrder(pid, a), null)))))
                .orElse(null);
    }

    private static List<Coding> overrideReasons() {
        String system = FhirCodes.OP + "CodeSystem/cds-override-reason";
        return List.of(new Coding(system, "clinical-judgement", "Clinical judgement: benefits outweigh risks"),
                new Coding(system, "data-outdated", "The patient data OncoPredict used are outdated"),
                new Coding(system, "patient-preference", "Patient preference"));
    }

    // ------------------------------------------------------------------------------------------ card parts

    private JsonNode draftOrder(String pid, RegimenPrediction p) {
        MedicationRequest m = new MedicationRequest().setStatus(MedicationRequest.MedicationRequestStatus.DRAFT)
                .setIntent(MedicationRequest.MedicationRequestIntent.PROPOSAL)
                .setSubject(new Reference("Patient/" + pid));
        m.setMedication(new CodeableConcept(new org.hl7.fhir.r4.model.Coding(FhirCodes.REGIMEN, p.getRegimenId(),
                p.getRegimenName())).setText(p.getRegimenName()));
        try {
            return mapper.readTree(fhir.encode(m));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Source source(ModelInfo model, String ui, String pid, String topic) {
        return new Source("OncoPredict (model v" + model.getVersion() + ")", ui + "/ui/patients/" + pid, null,
                new Coding(FhirCodes.OP + "CodeSystem/cds-card", topic, topic.replace('-', ' ')));
    }

    private static List<Link> links(String ui, String pid) {
        String url = ui + "/ui/patients/" + pid;
        return List.of(new Link("Open the patient in OncoPredict", url, "absolute", null),
                new Link("OncoPredict (SMART app launch)", url, "smart", "{\"patientId\":\"" + pid + "\"}"));
    }

    private String uiBase(String requestBase) {
        return config.uiBaseUrl().or(config::baseUrl).map(b -> b.endsWith("/") ? b.substring(0, b.length() - 1) : b)
                .orElse(requestBase);
    }

    private static void table(StringBuilder d, List<RegimenPrediction> rows) {
        d.append("| regimen | eligibility | response | grade ≥3 toxicity | PFS at 12 months |\n");
        d.append("|---|---|---|---|---|\n");
        for (RegimenPrediction p : rows) {
            d.append("| ").append(p.getRegimenName()).append(" | ")
                    .append(p.getEligibility().getStatus().name().substring("ELIGIBILITY_STATUS_".length())
                            .toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append(" | ").append(pct(p.getResponse())).append(" | ").append(pct(p.getSevereToxicity()))
                    .append(" | ").append(pfs12(p)).append(" |\n");
        }
    }

    private static void disclaimer(StringBuilder d, ModelInfo model) {
        d.append("\n\n_Decision support, not a decision._ Intervals are ").append(level(model))
                .append(" bootstrap intervals; model v").append(model.getVersion()).append(", trained on ")
                .append(model.getTrainingCohortSize()).append(" patients.");
    }

    private static String level(ModelInfo model) {
        return Math.round(model.getIntervalLevel() * 100) + " %";
    }

    static boolean eligible(RegimenPrediction p) {
        return p.getEligibility().getStatus() == EligibilityStatus.ELIGIBILITY_STATUS_ELIGIBLE
                || p.getEligibility().getStatus() == EligibilityStatus.ELIGIBILITY_STATUS_ELIGIBLE_WITH_CAUTIONS;
    }

    static String pct(ProbabilityEstimate e) {
        if (e == null || e.equals(ProbabilityEstimate.getDefaultInstance())) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.0f%% (%.0f–%.0f%%)", 100 * e.getProbability(), 100 * e.getLower(),
                100 * e.getUpper());
    }

    static String pfs12(RegimenPrediction p) {
        SurvivalPoint s = fhirPfs12(p);
        return s == null ? "n/a" : String.format(Locale.ROOT, "%.0f%% (%.0f–%.0f%%)", 100 * s.getSurvival(),
                100 * s.getLower(), 100 * s.getUpper());
    }

    /** At most 140 characters, as CDS Hooks requires of a card summary. */
    static String summary(String s) {
        return s.length() <= 140 ? s : s.substring(0, 139) + "…";
    }

    private static String name(CancerType t) {
        return t.name().substring("CANCER_TYPE_".length());
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

}
