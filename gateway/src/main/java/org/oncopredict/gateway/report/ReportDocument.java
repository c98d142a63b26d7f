package org.oncopredict.gateway.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import org.oncopredict.gateway.agenda.Agenda;
import org.oncopredict.gateway.ui.Views;
import org.oncopredict.proto.efficacy.v1.RegimenPrediction;

/**
 * Lays out a tumor-board report with OpenPDF: per patient a case summary, genomic findings, treatment options, the
 * PFS curves of the top options, explanations, warnings, the model card summary and the disclaimer; an agenda report
 * is a cover page and one such section per patient. Every page carries the decision-support notice and the audit
 * footer (who, role, when, trace id, report id, page x of y). Tables repeat their header row on each page they span.
 */
final class ReportDocument {

    /** Paper sizes offered; A4 is the default. */
    enum Paper {
        A4(PageSize.A4), LETTER(PageSize.LETTER);

        final Rectangle size;

        Paper(Rectangle size) {
            this.size = size;
        }
    }

    /** Who generated the report, when, and under which ids (the footer and the audit record say the same). */
    record Context(UUID reportId, String username, String role, Instant generatedAt, String traceId, Paper paper) {
    }

    /**
     * One patient's section.
     *
     * @param predictions the options in rank order (eligible first), empty with {@code unavailable} set when the
     *                    efficacy service could not be reached
     * @param raw         the same predictions as the service returned them (for the curves)
     */
    record PatientSection(Views.PatientPage page, List<Views.Option> predictions, List<RegimenPrediction> raw,
                          Views.Model model, Views.Card card, String unavailable) {
    }

    static final int CURVES_ON_CHART = 3;
    static final int EXPLAINED_OPTIONS = 3;
    private static final Color HEADER_FILL = new Color(0xe6eaf0);
    private static final Color MUTED = new Color(0x555555);
    private static final Color WARN = new Color(0x8a4b00);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final ReportFonts fonts;
    private final Context context;

    ReportDocument(ReportFonts fonts, Context context) {
        this.fonts = fonts;
        this.context = context;
    }

    byte[] patient(PatientSection section) {
        return render(document -> section(document, section, true));
    }

    byte[] agenda(Agenda agenda, List<PatientSection> sections) {
        return render(document -> {
            cover(document, agenda, sections);
            for (PatientSection s : sections) {
                document.newPage();
                section(document, s, false);
            }
        });
    }

    private interface Body {
        void write(Document document) throws DocumentException;
    }

    private PdfWriter writer;

    private byte[] render(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        Document document = new Document(context.paper().size, 42, 42, 54, 62);
        try {
            writer = PdfWriter.getInstance(document, out);
            writer.setPageEvent(new Footer());
            document.addTitle("OncoPredict tumor-board report " + context.reportId());
            document.addCreator("OncoPredict gateway");
            document.open();
            body.write(document);
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("report layout failed", e);
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------------------------------- cover

    private void cover(Document d, Agenda agenda, List<PatientSection> sections) throws DocumentException {
        d.add(para("Tumor board — " + agenda.meetingDate(), 20, true, Color.BLACK, 6));
        if (agenda.title() != null && !agenda.title().isBlank()) {
            d.add(para(agenda.title(), 13, false, Color.BLACK, 10));
        }
        d.add(para("Attendees: " + (agenda.attendees() == null || agenda.attendees().isBlank()
                ? "(not recorded)" : agenda.attendees()), 10, false, Color.BLACK, 12));
        d.add(para("Cases (" + sections.size() + ")", 12, true, Color.BLACK, 4));
        PdfPTable t = table(new float[] {0.5f, 3f, 1.6f, 2.2f, 1.2f}, "#", "Patient", "Pseudonym / MRN", "Diagnosis",
                "Stage");
        int i = 1;
        for (PatientSection s : sections) {
            Views.PatientPage p = s.page();
            cells(t, Integer.toString(i++), p.name(), p.id() + " / " + p.mrn(), p.cancerType(), p.stage());
        }
        d.add(t);
        d.add(para(DISCLAIMER, 9, false, MUTED, 0));
    }

    // ----------------------------------------------------------------------------------------- patient

    private void section(Document d, PatientSection s, boolean standalone) throws DocumentException {
        Views.PatientPage p = s.page();
        d.add(para(p.name() + "  ·  " + p.id(), 16, true, Color.BLACK, 2));
        d.add(para("MRN " + p.mrn() + " · " + p.sex() + " · " + p.ageBand() + " · " + p.cancerType() + ", stage "
                + p.stage() + " · ECOG " + p.ecog() + " · care team " + p.careTeams(), 9, false, MUTED, 8));

        heading(d, "Case summary");
        d.add(para(CaseNarrative.of(p), 9.5f, false, Color.BLACK, 6));

        heading(d, "Genomic findings");
        List<Views.Finding> all = new ArrayList<>(p.genomics().findings());
        all.addAll(p.genomics().biomarkers());
        if (all.isEmpty()) {
            d.add(para("No molecular report on record.", 9, false, MUTED, 6));
        } else {
            d.add(para("Report " + p.genomics().reportDate() + " · specimen " + p.genomics().specimen(), 8.5f, false,
                    MUTED, 3));
            PdfPTable t = table(new float[] {2f, 2f, 5f}, "Finding", "Detail",
                    "Actionability (catalogue regimen, evidence level, source)");
            for (Views.Finding f : all) {
                cells(t, (f.isActionable() ? "★ " : "") + f.label(), f.detail(),
                        f.isActionable() ? String.join("; ", f.actionable()) : "no catalogue regimen targets it");
            }
            d.add(t);
        }

        heading(d, "Treatment options");
        if (s.unavailable() != null) {
            d.add(para("Predictions unavailable: " + s.unavailable() + ". The case summary and findings above are "
                    + "current; regenerate the report when the efficacy service is reachable.", 9.5f, true, WARN, 6));
        } else {
            Views.Model m = s.model();
            d.add(para("Model version " + m.version() + " · " + m.learner() + " · trained on " + m.cohortSize()
                    + " patients · " + m.replicates() + " bootstrap fits, 90% intervals · catalogue "
                    + m.catalogueVersion(), 8.5f, false, MUTED, 3));
            optionsTable(d, s.predictions());
            chart(d, s);
            explanations(d, s.predictions());
            warnings(d, s.predictions());
            modelCard(d, s);
        }

        heading(d, "History");
        if (p.lines().isEmpty()) {
            d.add(para("No therapy lines recorded.", 9, false, MUTED, 6));
        } else {
            PdfPTable t = table(new float[] {0.6f, 3f, 1.4f, 1.4f, 1f, 1.4f, 1.4f, 2.8f}, "Line", "Regimen", "Start",
                    "End", "Best response", "Progression", "Worst toxicity", "Decision");
            for (Views.Line l : p.lines()) {
                cells(t, Integer.toString(l.number()), l.regimen(), l.start(), l.end(), l.response(), l.progression(),
                        l.toxicity(), l.decision());
            }
            d.add(t);
        }
        d.add(para(DISCLAIMER, 8.5f, false, MUTED, 0));
    }

    private void optionsTable(Document d, List<Views.Option> options) throws DocumentException {
        PdfPTable t = table(new float[] {0.5f, 2.6f, 1.7f, 2.2f, 1.8f, 1.7f, 2.4f}, "#", "Regimen", "Response",
                "PFS 6 / 12 / 24 months", "PFS median", "Grade ≥ 3 toxicity", "Evidence");
        List<Views.Option> ineligible = new ArrayList<>();
        // Cautions repeat across regimens (the same missing lab): listed once below the table with their regimens.
        java.util.Map<String, List<String>> cautions = new java.util.LinkedHashMap<>();
        for (Views.Option o : options) {
            if (!o.eligible()) {
                ineligible.add(o);
                continue;
            }
            for (Views.Reason r : o.reasons()) {
                if ("Caution".equalsIgnoreCase(r.severity())) {
                    cautions.computeIfAbsent(r.message(), k -> new ArrayList<>()).add(o.name());
                }
            }
            boolean predicted = o.hasPrediction();
            cells(t, predicted ? Integer.toString(o.rank()) : "—", o.name() + "\n" + o.status(),
                    predicted ? o.response() + "\n" + o.responseInterval() : "no prediction",
                    predicted ? o.pfs6() + "\n" + o.pfs12() + "\n" + o.pfs24() : "—",
                    predicted ? o.pfsMedian() : "—",
                    predicted ? o.toxicity() + "\n" + o.toxicityInterval() : "—",
                    o.evidenceLevel() + " — " + o.evidenceSource());
        }
        d.add(t);
        d.add(para("Eligible regimens ranked by predicted 24-month restricted mean PFS; those without a prediction "
                + "follow, unranked. Intervals are 90% bootstrap intervals.", 7.5f, false, MUTED, 4));
        if (!cautions.isEmpty()) {
            d.add(para("Cautions (eligible, but to be checked)", 9, true, WARN, 1));
            for (var c : cautions.entrySet()) {
                d.add(para("• " + c.getKey() + " — " + String.join(", ", c.getValue()), 8, false, Color.BLACK, 1));
            }
            d.add(spacer());
        }
        if (!ineligible.isEmpty()) {
            d.add(para("Not eligible (listed, never hidden)", 9, true, Color.BLACK, 2));
            PdfPTable n = table(new float[] {2.4f, 1.6f, 6f, 2.4f}, "Regimen", "Status", "Why", "Evidence");
            for (Views.Option o : ineligible) {
                String why = o.reasons().stream().filter(r -> !"Info".equalsIgnoreCase(r.severity())
                        && !"Caution".equalsIgnoreCase(r.severity())).map(Views.Reason::message)
                        .reduce((a, b) -> a + "\n" + b).orElse("—");
                cells(n, o.name(), o.status(), why, o.evidenceLevel() + " — " + o.evidenceSource());
            }
            d.add(n);
        }
    }

    private Paragraph spacer() {
        return para(" ", 4, false, Color.BLACK, 2);
    }

    private void chart(Document d, PatientSection s) throws DocumentException {
        List<RegimenPrediction> top = new ArrayList<>();
        for (Views.Option o : s.predictions()) {
            if (top.size() == CURVES_ON_CHART) {
                break;
            }
            if (!o.eligible() || !o.hasPrediction()) {
                continue;
            }
            s.raw().stream().filter(r -> r.getRegimenId().equals(o.regimenId()) && SurvivalChart.drawable(r))
                    .findFirst().ifPresent(top::add);
        }
        if (top.isEmpty()) {
            return;
        }
        d.add(para(top.size() == 1 ? "Progression-free survival of the top option"
                : "Progression-free survival of the top " + top.size() + " options", 10, true, Color.BLACK, 2));
        float width = d.right() - d.left();
        Image img = SurvivalChart.image(writer.getDirectContent(), top, "90%", width, width * 0.42f, fonts);
        img.setAlignment(Element.ALIGN_CENTER);
        d.add(img);
        d.add(para("Lines: solid, dashed and dotted in the order of the legend; shaded bands are 90% intervals; dotted "
                + "verticals mark 6, 12 and 24 months.", 7.5f, false, MUTED, 6));
    }

    private void explanations(Document d, List<Views.Option> options) throws DocumentException {
        int n = 0;
        for (Views.Option o : options) {
            if (n == EXPLAINED_OPTIONS) {
                break;
            }
            if (!o.eligible() || !o.hasPrediction() || o.responseFactors().isEmpty()) {
                continue;
            }
            if (n++ == 0) {
                d.add(para("What drove the top options (response; log-odds contributions)", 10, true, Color.BLACK, 2));
            }
            StringBuilder b = new StringBuilder(o.name()).append(": ");
            List<String> parts = new ArrayList<>();
            for (Views.Factor f : o.responseFactors().subList(0, Math.min(4, o.responseFactors().size()))) {
                parts.add(f.label() + " = " + f.value() + (f.imputed() ? " (imputed)" : "") + " " + f.direction()
                        + " it (" + f.contribution() + ")");
            }
            b.append(String.join("; ", parts));
            d.add(para(b.toString(), 8.5f, false, Color.BLACK, 2));
        }
    }

    private void warnings(Document d, List<Views.Option> options) throws DocumentException {
        List<String> lines = new ArrayList<>();
        List<String> notModelled = new ArrayList<>();
        for (Views.Option o : options) {
            for (Views.Reason r : o.reasons()) {
                if ("Contraindication".equalsIgnoreCase(r.severity())) {
                    lines.add(o.name() + ": contraindication — " + r.message());
                }
            }
            if (!o.eligible()) {
                continue; // their reasons are in the "not eligible" table; support warnings would be noise
            }
            if (!o.hasPrediction()) {
                notModelled.add(o.name());
                continue;
            }
            if (!"adequate support".equals(o.support())) {
                lines.add(o.name() + ": " + o.support() + " (" + o.comparablePatients() + " comparable treated patients)");
            }
            for (String w : o.warnings()) {
                lines.add(o.name() + ": " + w);
            }
        }
        if (!notModelled.isEmpty()) {
            lines.add("No prediction (the model was not trained on them, no or too few treated patients): "
                    + String.join(", ", notModelled));
        }
        if (lines.isEmpty()) {
            return;
        }
        d.add(para("Warnings", 10, true, WARN, 2));
        for (String l : lines) {
            d.add(para("⚠ " + l, 8.5f, false, WARN, 1));
        }
        d.add(spacer());
    }

    private void modelCard(Document d, PatientSection s) throws DocumentException {
        Views.Card c = s.card();
        d.add(para("Model card summary", 10, true, Color.BLACK, 2));
        if (c == null) {
            d.add(para("The model card could not be read.", 8.5f, false, WARN, 4));
            return;
        }
        PdfPTable t = table(new float[] {2f, 6f}, "Item", "Value");
        cells(t, "Model version", Long.toString(c.version()));
        cells(t, "Training cohort", c.patients() + " patients, " + c.trainingLines() + " therapy lines (" + c.source()
                + "); " + c.heldOutLines() + " lines held out for the figures");
        cells(t, "Training period", c.trainingPeriod());
        cells(t, "Trained", c.trainedAt() + "; " + c.learner() + ", " + c.baseLearner() + ", " + c.replicates()
                + " bootstrap fits");
        cells(t, "Response AUROC (held out)", c.responseAuroc());
        cells(t, "Response calibration", c.responseCalibration());
        cells(t, "Grade ≥ 3 toxicity AUROC", c.toxicityAuroc());
        cells(t, "PFS C-index", c.pfsCIndex());
        cells(t, "PFS calibration", c.pfsObservedExpected());
        cells(t, "OS C-index", c.osCIndex());
        cells(t, "Provenance hash", s.model().provenanceHash());
        d.add(t);
    }

    // ------------------------------------------------------------------------------------------ pieces

    static final String DISCLAIMER = "Decision support, not a decision. The figures are estimates from observational "
            + "and trial data with the uncertainty shown; they do not replace the treating oncologist's and the tumor "
            + "board's judgement.";

    private void heading(Document d, String text) throws DocumentException {
        Paragraph p = para(text, 12, true, new Color(0x1f4e89), 3);
        p.setSpacingBefore(8);
        p.setKeepTogether(true);
        d.add(p);
    }

    private Paragraph para(String text, float size, boolean bold, Color color, float after) {
        Paragraph p = new Paragraph();
        // The paragraph's own font is used for its empty lines and spacing: the embedded one, never Helvetica.
        p.setFont(new com.lowagie.text.Font(fonts.regular(), size));
        p.add(fonts.phrase(text, size, bold, color));
        p.setLeading(size * 1.3f);
        p.setSpacingAfter(after);
        return p;
    }

    private PdfPTable table(float[] widths, String... headers) {
        PdfPTable t = new PdfPTable(widths);
        t.setWidthPercentage(100);
        t.setHeaderRows(1);
        t.setSplitLate(false);
        t.setSpacingAfter(6);
        for (String h : headers) {
            PdfPCell c = new PdfPCell(fonts.phrase(h, 8, true));
            c.setBackgroundColor(HEADER_FILL);
            c.setPadding(3);
            t.addCell(c);
        }
        return t;
    }

    private void cells(PdfPTable t, String... values) {
        for (String v : values) {
            PdfPCell c = new PdfPCell(fonts.phrase(v == null ? "" : v, 8, false));
            c.setPadding(3);
            t.addCell(c);
        }
    }

    /** The decision-support notice on top and the audit footer with "page x of y" at the bottom of every page. */
    private final class Footer extends PdfPageEventHelper {
        private PdfTemplate total;

        @Override
        public void onOpenDocument(PdfWriter w, Document document) {
            total = w.getDirectContent().createTemplate(30, 12);
        }

        @Override
        public void onEndPage(PdfWriter w, Document document) {
            PdfContentByte cb = w.getDirectContent();
            Rectangle page = document.getPageSize();
            float left = document.left();
            float right = document.right();
            ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, fonts.phrase("OncoPredict — tumor-board report · "
                    + "decision support, not a decision", 7.5f, true, MUTED), left, page.getTop() - 30, 0);
            String who = "Generated by " + context.username() + " (" + context.role() + ") · "
                    + TIME.format(context.generatedAt()) + " · trace " + context.traceId();
            ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, fonts.phrase(who, 7, false, MUTED), left, 40, 0);
            ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, fonts.phrase("Report " + context.reportId()
                    + " (look it up in the audit trail)", 7, false, MUTED), left, 30, 0);
            Phrase pageNo = fonts.phrase("Page " + w.getPageNumber() + " of ", 7, false, MUTED);
            float width = fonts.regular().getWidthPoint(pageNo.getContent(), 7);
            ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, pageNo, right - width - 16, 30, 0);
            cb.addTemplate(total, right - 16, 30);
            cb.setLineWidth(0.4f);
            cb.setColorStroke(MUTED);
            cb.moveTo(left, 50);
            cb.lineTo(right, 50);
            cb.stroke();
        }

        @Override
        public void onCloseDocument(PdfWriter w, Document document) {
            ColumnText.showTextAligned(total, Element.ALIGN_LEFT, fonts.phrase(Integer.toString(w.getPageNumber() - 1),
                    7, false, MUTED), 0, 0, 0);
        }
    }
}
