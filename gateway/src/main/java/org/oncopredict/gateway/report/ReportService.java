package org.oncopredict.gateway.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import org.jboss.logging.Logger;
import org.oncopredict.gateway.agenda.Agenda;
import org.oncopredict.gateway.agenda.AgendaStore;
import org.oncopredict.gateway.audit.AuditAction;
import org.oncopredict.gateway.audit.AuditEvent;
import org.oncopredict.gateway.audit.AuditLog;
import org.oncopredict.gateway.clients.EfficacyServiceClient;
import org.oncopredict.gateway.clients.ServiceUnavailableException;
import org.oncopredict.gateway.mapping.UiViews;
import org.oncopredict.gateway.rest.ApiException;
import org.oncopredict.gateway.rest.TraceId;
import org.oncopredict.gateway.security.CurrentUser;
import org.oncopredict.gateway.service.PatientService;
import org.oncopredict.gateway.ui.Views;
import org.oncopredict.proto.efficacy.v1.ModelCard;
import org.oncopredict.proto.efficacy.v1.PredictTreatmentOutcomesResponse;
import org.oncopredict.proto.profile.v1.PatientProfile;

/**
 * Tumor-board reports: gathers a patient's profile, predictions and model card through the same checked and audited
 * paths as the API (so a report shows exactly what the API would), lays them out as a PDF and records the generation
 * in the audit trail under the report id printed on every page.
 */
@ApplicationScoped
public class ReportService {

    private static final Logger LOG = Logger.getLogger(ReportService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A generated report: its id (in the footer and the audit record), the PDF, and how long the layout took. */
    public record Report(UUID id, byte[] pdf, long renderMillis, String filename) {
    }

    private final PatientService patients;
    private final EfficacyServiceClient efficacy;
    private final AgendaStore agendas;
    private final AuditLog audit;
    private final CurrentUser user;
    private final TraceId traceId;
    private final ReportFonts fonts;
    private final Timer renderTimer;

    public ReportService(PatientService patients, EfficacyServiceClient efficacy, AgendaStore agendas, AuditLog audit,
                         CurrentUser user, TraceId traceId, ReportFonts fonts, MeterRegistry meters) {
        this.patients = patients;
        this.efficacy = efficacy;
        this.agendas = agendas;
        this.audit = audit;
        this.user = user;
        this.traceId = traceId;
        this.fonts = fonts;
        this.renderTimer = Timer.builder("oncopredict.report.render").description("PDF report layout time")
                .publishPercentileHistogram().register(meters);
    }

    /** Parses the {@code paper} parameter: A4 (default) or LETTER, case-insensitive. */
    public static ReportDocument.Paper paper(String value) {
        if (value == null || value.isBlank()) {
            return ReportDocument.Paper.A4;
        }
        try {
            return ReportDocument.Paper.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("paper", "paper must be A4 or LETTER");
        }
    }

    @WithSpan("gateway.report.patient")
    public Report patient(String patientId, String paperParam) {
        ReportDocument.Paper paper = paper(paperParam);
        ReportDocument.PatientSection section = gather(patientId);
        ReportDocument.Context ctx = context(paper);
        long t0 = System.nanoTime();
        byte[] pdf = new ReportDocument(fonts, ctx).patient(section);
        long millis = record(t0);
        audit.record(AuditAction.REPORT_GENERATED, patientId, modelVersion(section), AuditEvent.Outcome.SUCCESS,
                "report " + ctx.reportId() + ": patient report, " + paper + ", " + pdf.length + " bytes");
        LOG.infof("report %s generated for patient %s in %d ms", ctx.reportId(), patientId, millis);
        return new Report(ctx.reportId(), pdf, millis, "oncopredict-report-" + patientId + ".pdf");
    }

    @WithSpan("gateway.report.agenda")
    public Report agenda(String agendaId, String paperParam) {
        ReportDocument.Paper paper = paper(paperParam);
        UUID id;
        try {
            id = UUID.fromString(agendaId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No agenda " + agendaId);
        }
        Agenda agenda = agendas.find(id).orElseThrow(() -> ApiException.notFound("No agenda " + agendaId));
        List<ReportDocument.PatientSection> sections = new ArrayList<>();
        for (String patient : agenda.patientIds()) {
            sections.add(gather(patient));
        }
        ReportDocument.Context ctx = context(paper);
        long t0 = System.nanoTime();
        byte[] pdf = new ReportDocument(fonts, ctx).agenda(agenda, sections);
        long millis = record(t0);
        audit.record(AuditAction.REPORT_GENERATED, null, null, AuditEvent.Outcome.SUCCESS,
                "report " + ctx.reportId() + ": agenda " + agenda.id() + " (" + agenda.meetingDate() + "), "
                        + sections.size() + " patients, " + paper + ", " + pdf.length + " bytes");
        LOG.infof("report %s generated for agenda %s (%d patients) in %d ms", ctx.reportId(), agenda.id(),
                sections.size(), millis);
        return new Report(ctx.reportId(), pdf, millis, "oncopredict-agenda-" + agenda.meetingDate() + ".pdf");
    }

    private ReportDocument.PatientSection gather(String patientId) {
        PatientProfile profile = patients.read(patientId, "report");
        Views.PatientPage page = UiViews.page(profile, patients.catalogueIfReachable(profile.getCancer().getCancerType()));
        try {
            PredictTreatmentOutcomesResponse r = patients.treatmentOptions(patientId, List.of(), true);
            return new ReportDocument.PatientSection(page, UiViews.options(r), r.getPredictionsList(),
                    UiViews.model(r.getModel()), card(r.getModel().getVersion()), null);
        } catch (ServiceUnavailableException e) {
            return new ReportDocument.PatientSection(page, List.of(), List.of(), null, null,
                    "the efficacy service is not reachable");
        }
    }

    private Views.Card card(long version) {
        try {
            ModelCard c = efficacy.card(version);
            return UiViews.card(c.getVersion(), JSON.readTree(c.getCardJson()));
        } catch (ServiceUnavailableException | JsonProcessingException e) {
            return null;
        }
    }

    private ReportDocument.Context context(ReportDocument.Paper paper) {
        // TraceId is the OpenTelemetry trace id when tracing is on: the footer, the audit record and X-Trace-Id agree.
        return new ReportDocument.Context(UUID.randomUUID(), user.username(), user.roleLabel(), Instant.now(),
                traceId.get(), paper);
    }

    private long record(long t0) {
        long nanos = System.nanoTime() - t0;
        renderTimer.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        return nanos / 1_000_000;
    }

    private static Long modelVersion(ReportDocument.PatientSection s) {
        return s.model() == null ? null : s.model().version();
    }
}
