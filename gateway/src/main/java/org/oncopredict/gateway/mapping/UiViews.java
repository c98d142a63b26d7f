package org.oncopredict.gateway.mapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.oncopredict.gateway.ui.Views;
import org.oncopredict.proto.efficacy.v1.CohortRegimenSummary;
import org.oncopredict.proto.efficacy.v1.EligibilityReason;
import org.oncopredict.proto.efficacy.v1.EligibilityStatus;
import org.oncopredict.proto.efficacy.v1.Explanation;
import org.oncopredict.proto.efficacy.v1.FeatureContribution;
import org.oncopredict.proto.efficacy.v1.Indication;
import org.oncopredict.proto.efficacy.v1.ModelInfo;
import org.oncopredict.proto.efficacy.v1.PredictCohortResponse;
import org.oncopredict.proto.efficacy.v1.PredictTreatmentOutcomesResponse;
import org.oncopredict.proto.efficacy.v1.ProbabilityEstimate;
import org.oncopredict.proto.efficacy.v1.Regimen;
import org.oncopredict.proto.efficacy.v1.RegimenPrediction;
import org.oncopredict.proto.efficacy.v1.Support;
import org.oncopredict.proto.efficacy.v1.SurvivalEstimate;
import org.oncopredict.proto.efficacy.v1.SurvivalPoint;
import org.oncopredict.proto.profile.v1.EcogAssessment;
import org.oncopredict.proto.profile.v1.Genomics;
import org.oncopredict.proto.profile.v1.LabResult;
import org.oncopredict.proto.profile.v1.ListPatientsResponse;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.PatientSummary;
import org.oncopredict.proto.profile.v1.TherapyLine;
import org.oncopredict.proto.profile.v1.Variant;

/**
 * The services' messages as the web UI's views: labels for codes, percentages with their 90 % intervals, months
 * with one decimal, a history timeline, and which genomic findings the catalogue makes actionable (a finding is
 * actionable for a regimen whose indication for the patient's cancer type requires a biomarker of that gene or
 * marker, e.g. EGFR_ACTIVATING for an EGFR variant).
 */
public final class UiViews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UiViews() {
    }

    // ------------------------------------------------------------------------------------------ patients

    public static List<Views.PatientRow> rows(ListPatientsResponse list) {
        List<Views.PatientRow> rows = new ArrayList<>();
        for (PatientSummary s : list.getPatientsList()) {
            rows.add(new Views.PatientRow(s.getPatientId(), name(s.getIdentity().getGivenName(),
                    s.getIdentity().getFamilyName()), s.getIdentity().getMrn(), label(s.getSex().name(), "SEX_"),
                    s.getAgeBand(), cancer(s.getCancerType().name()), dash(s.getStageGroup()),
                    String.join(", ", s.getCareTeamsList())));
        }
        return rows;
    }

    public static Views.PatientPage page(PatientProfile p, List<Regimen> catalogue) {
        var c = p.getCancer();
        String tnm = (c.getTCategory() + " " + c.getNCategory() + " " + c.getMCategory()).strip();
        List<String> metastases = c.getMetastaticSitesList().stream().map(m -> label(m.name(), "METASTATIC_SITE_")).toList();
        EcogAssessment ecog = p.getHistory().getEcogList().stream().max(Comparator.comparing(EcogAssessment::getDate))
                .orElse(null);
        return new Views.PatientPage(p.getPatientId(), p.getVersion(),
                name(p.getIdentity().getGivenName(), p.getIdentity().getFamilyName()), p.getIdentity().getMrn(),
                label(p.getSex().name(), "SEX_"), p.getAgeBand(),
                p.hasAgeAtDiagnosisYears() ? Integer.toString(p.getAgeAtDiagnosisYears()) : "—",
                cancer(c.getCancerType().name()), dash(c.getPrimarySiteCode()), dash(c.getHistologyCode()),
                dash(c.getDiagnosisDate()), dash(c.getStageGroup()), tnm.isEmpty() ? "—" : tnm,
                metastases.isEmpty() ? "none recorded" : String.join(", ", metastases),
                ecog == null ? "not recorded" : ecog.getScore() + " (" + ecog.getDate() + ")",
                String.join(", ", p.getCareTeamsList()), p.getFollowUp().getDeceased(),
                genomics(p, catalogue), lifestyle(p), timeline(p), lines(p),
                p.getHistory().getComorbiditiesList().stream()
                        .map(x -> x.getDisplay().isEmpty() ? x.getCode() : x.getDisplay() + " (" + x.getCode() + ")")
                        .toList());
    }

    private static Views.Genomics genomics(PatientProfile p, List<Regimen> catalogue) {
        Genomics g = p.getGenomics();
        Map<String, List<String>> byMarker = actionableMarkers(p, catalogue);
        List<Views.Finding> findings = new ArrayList<>();
        for (Variant v : g.getVariantsList()) {
            String significance = label(v.getClinicalSignificance().name(), "CLINICAL_SIGNIFICANCE_");
            String vaf = v.hasVaf() ? String.format(Locale.ROOT, "VAF %.0f%%", v.getVaf() * 100) : "VAF unknown";
            String change = (v.getHgvsP().isEmpty() ? v.getHgvsC() : v.getHgvsP()).strip();
            findings.add(new Views.Finding(v.getGene() + " " + change, vaf + " · " + significance,
                    actionable(byMarker, v.getGene(), v.getGene() + "_" + stripProtein(v.getHgvsP()))));
        }
        for (var f : g.getFusionsList()) {
            findings.add(new Views.Finding(f.getGene5P() + "::" + f.getGene3P() + " fusion", "fusion",
                    actionable(byMarker, f.getGene5P(), f.getGene3P())));
        }
        for (var cn : g.getCopyNumberAlterationsList()) {
            findings.add(new Views.Finding(cn.getGene() + " " + label(cn.getType().name(), "COPY_NUMBER_TYPE_"),
                    cn.hasCopyNumber() ? "copy number " + fmt(cn.getCopyNumber(), 1) : "copy number",
                    actionable(byMarker, cn.getGene(), "ERBB2".equals(cn.getGene()) ? "HER2" : cn.getGene())));
        }
        List<Views.Finding> markers = new ArrayList<>();
        if (g.hasTmbMutPerMb()) {
            markers.add(new Views.Finding("TMB", fmt(g.getTmbMutPerMb(), 1) + " mut/Mb" + (g.getTmbMutPerMb() >= 10
                    ? " (high)" : ""), g.getTmbMutPerMb() >= 10 ? actionable(byMarker, "TMB") : List.of()));
        }
        if (g.getMsiStatusValue() != 0) {
            boolean high = g.getMsiStatus().name().endsWith("MSI_H");
            markers.add(new Views.Finding("MSI", label(g.getMsiStatus().name(), "MSI_STATUS_"),
                    high ? actionable(byMarker, "MSI", "DMMR") : List.of()));
        }
        if (g.hasPdl1TpsPercent() || g.hasPdl1Cps()) {
            String detail = (g.hasPdl1TpsPercent() ? "TPS " + fmt(g.getPdl1TpsPercent(), 0) + "%" : "")
                    + (g.hasPdl1Cps() ? (g.hasPdl1TpsPercent() ? ", " : "") + "CPS " + fmt(g.getPdl1Cps(), 0) : "");
            markers.add(new Views.Finding("PD-L1", detail, g.hasPdl1TpsPercent() && g.getPdl1TpsPercent() >= 1
                    ? actionable(byMarker, "PDL1") : List.of()));
        }
        if (g.getHer2IhcValue() != 0) {
            String ish = g.getHer2IshValue() == 0 ? "" : ", ISH " + label(g.getHer2Ish().name(), "ISH_RESULT_");
            boolean positive = g.getHer2Ihc().name().endsWith("3_PLUS")
                    || (g.getHer2Ihc().name().endsWith("2_PLUS") && g.getHer2Ish().name().endsWith("POSITIVE"));
            markers.add(new Views.Finding("HER2", "IHC " + label(g.getHer2Ihc().name(), "HER2_IHC_") + ish,
                    positive ? actionable(byMarker, "HER2") : List.of()));
        }
        if (g.hasErPercent() || g.hasPrPercent()) {
            boolean positive = (g.hasErPercent() && g.getErPercent() >= 1) || (g.hasPrPercent() && g.getPrPercent() >= 1);
            markers.add(new Views.Finding("ER / PR", (g.hasErPercent() ? "ER " + fmt(g.getErPercent(), 0) + "%" : "ER —")
                    + " · " + (g.hasPrPercent() ? "PR " + fmt(g.getPrPercent(), 0) + "%" : "PR —"),
                    positive ? actionable(byMarker, "HR") : List.of()));
        }
        return new Views.Genomics(dash(g.getReportDate()), label(g.getSpecimenType().name(), "SPECIMEN_TYPE_"),
                findings, markers);
    }

    /** Catalogue biomarker prefix (e.g. "EGFR", "KRAS_G12C", "PDL1") → regimens of the patient's cancer type needing it. */
    private static Map<String, List<String>> actionableMarkers(PatientProfile p, List<Regimen> catalogue) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Regimen r : catalogue) {
            for (Indication i : r.getIndicationsList()) {
                if (i.getCancerType() != p.getCancer().getCancerType()) {
                    continue;
                }
                for (String marker : i.getRequiredBiomarkersList()) {
                    out.computeIfAbsent(marker.toUpperCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(r.getName() + " (" + i.getEvidenceLevel() + ", " + i.getEvidenceSource() + ")");
                }
            }
        }
        return out;
    }

    /** Regimens needing a catalogue biomarker that starts with one of the tokens (gene or marker names). */
    private static List<String> actionable(Map<String, List<String>> byMarker, String... tokens) {
        Set<String> regimens = new TreeSet<>();
        for (var e : byMarker.entrySet()) {
            for (String t : tokens) {
                String token = t.toUpperCase(Locale.ROOT);
                if (!token.isEmpty() && (e.getKey().equals(token) || e.getKey().startsWith(token + "_"))) {
                    regimens.addAll(e.getValue());
                }
            }
        }
        return List.copyOf(regimens);
    }

    private static String stripProtein(String hgvsP) {
        return hgvsP.startsWith("p.") ? hgvsP.substring(2) : hgvsP;
    }

    private static Views.Lifestyle lifestyle(PatientProfile p) {
        var l = p.getLifestyle();
        String smoking = label(l.getSmokingStatus().name(), "SMOKING_STATUS_")
                + (l.hasPackYears() ? ", " + fmt(l.getPackYears(), 0) + " pack-years" : "");
        return new Views.Lifestyle(smoking, l.hasAlcoholUnitsPerWeek() ? fmt(l.getAlcoholUnitsPerWeek(), 0) + " units/week" : "—",
                l.hasBmi() ? fmt(l.getBmi(), 1) + " kg/m²" : "—",
                l.hasActivityMinutesPerWeek() ? l.getActivityMinutesPerWeek() + " min/week" : "—");
    }

    private static List<Views.Line> lines(PatientProfile p) {
        List<Views.Line> lines = new ArrayList<>();
        for (TherapyLine t : p.getHistory().getTherapyLinesList()) {
            String tox = t.hasWorstToxicityGrade() ? "grade " + t.getWorstToxicityGrade()
                    + (t.getImmuneRelatedToxicity() ? " (immune-related)" : "") : "—";
            String decision = t.getRationale().isEmpty() ? "" : "Decision: " + t.getRationale();
            lines.add(new Views.Line(t.getLineNumber(), t.getRegimenId(), dash(t.getStartDate()),
                    t.getEndDate().isEmpty() ? "ongoing" : t.getEndDate(), label(t.getBestResponse().name(), "RECIST_RESPONSE_"),
                    dash(t.getProgressionDate()), tox, label(t.getReasonStopped().name(), "REASON_STOPPED_"), decision));
        }
        lines.sort(Comparator.comparingInt(Views.Line::number));
        return lines;
    }

    private static List<Views.Event> timeline(PatientProfile p) {
        List<Views.Event> events = new ArrayList<>();
        if (!p.getCancer().getDiagnosisDate().isEmpty()) {
            events.add(new Views.Event(p.getCancer().getDiagnosisDate(), "diagnosis",
                    cancer(p.getCancer().getCancerType().name()) + ", stage " + dash(p.getCancer().getStageGroup())));
        }
        for (TherapyLine t : p.getHistory().getTherapyLinesList()) {
            events.add(new Views.Event(t.getStartDate(), "therapy", "Line " + t.getLineNumber() + ": " + t.getRegimenId()
                    + " started"));
            if (!t.getProgressionDate().isEmpty()) {
                events.add(new Views.Event(t.getProgressionDate(), "progression", "Progression on " + t.getRegimenId()));
            }
        }
        for (LabResult l : p.getHistory().getLabsList()) {
            events.add(new Views.Event(l.getDate(), "lab", lab(l)));
        }
        for (EcogAssessment e : p.getHistory().getEcogList()) {
            events.add(new Views.Event(e.getDate(), "ecog", "ECOG " + e.getScore()));
        }
        if (p.getFollowUp().getDeceased()) {
            events.add(new Views.Event(p.getFollowUp().getDeathDate(), "death", "Deceased"));
        }
        events.sort(Comparator.comparing(Views.Event::date).reversed());
        return events;
    }

    private static String lab(LabResult l) {
        String unit = switch (l.getType()) {
            case LAB_TYPE_EGFR -> " mL/min/1.73 m²";
            case LAB_TYPE_BILIRUBIN -> " mg/dL";
            case LAB_TYPE_ALT -> " U/L";
            case LAB_TYPE_ANC -> " ×10⁹/L";
            case LAB_TYPE_HEMOGLOBIN -> " g/dL";
            default -> "";
        };
        String name = l.getType() == org.oncopredict.proto.profile.v1.LabType.LAB_TYPE_EGFR ? "eGFR"
                : label(l.getType().name(), "LAB_TYPE_");
        return name + " " + fmt(l.getValue(), 1) + unit;
    }

    // ------------------------------------------------------------------------------------------ predictions

    public static List<Views.Option> options(PredictTreatmentOutcomesResponse r) {
        List<Views.Option> options = new ArrayList<>();
        for (RegimenPrediction p : r.getPredictionsList()) {
            options.add(option(p));
        }
        return options;
    }

    static Views.Option option(RegimenPrediction p) {
        EligibilityStatus status = p.getEligibility().getStatus();
        boolean eligible = status == EligibilityStatus.ELIGIBILITY_STATUS_ELIGIBLE
                || status == EligibilityStatus.ELIGIBILITY_STATUS_ELIGIBLE_WITH_CAUTIONS;
        List<Views.Reason> reasons = new ArrayList<>();
        for (EligibilityReason reason : p.getEligibility().getReasonsList()) {
            reasons.add(new Views.Reason(label(reason.getSeverity().name(), "REASON_SEVERITY_"), reason.getMessage(),
                    reason.getPatientValue()));
        }
        SurvivalEstimate pfs = p.getProgressionFreeSurvival();
        SurvivalEstimate os = p.getOverallSurvival();
        String support = switch (p.getSupport()) {
            case SUPPORT_ADEQUATE -> "adequate support";
            case SUPPORT_LOW -> "low support";
            case SUPPORT_OUT_OF_DISTRIBUTION -> "outside the model's experience";
            default -> "support unknown";
        };
        String supportClass = p.getSupport() == Support.SUPPORT_ADEQUATE ? "ok"
                : p.getSupport() == Support.SUPPORT_UNSPECIFIED ? "muted" : "warn";
        return new Views.Option(p.getRank(), p.getRegimenId(), p.getRegimenName(), eligible,
                label(status.name(), "ELIGIBILITY_STATUS_"), statusClass(status), reasons,
                p.getEligibility().getIndicationSummary(), dash(p.getEvidenceLevel()), dash(p.getEvidenceSource()),
                p.hasResponse() ? percent(p.getResponse().getProbability()) : "—", interval(p.hasResponse() ? p.getResponse() : null),
                p.hasResponse() ? p.getResponse().getProbability() : -1,
                p.hasSevereToxicity() ? percent(p.getSevereToxicity().getProbability()) : "—",
                interval(p.hasSevereToxicity() ? p.getSevereToxicity() : null),
                p.hasSevereToxicity() ? p.getSevereToxicity().getProbability() : -1,
                p.hasProgressionFreeSurvival() ? median(pfs) : "—", landmark(pfs, 6), landmark(pfs, 12), landmark(pfs, 24),
                p.hasOverallSurvival() ? median(os) : "—", support, supportClass, p.getSupportWarningsList(),
                p.getComparablePatients(), factors(p.hasResponseExplanation() ? p.getResponseExplanation() : null),
                factors(p.hasToxicityExplanation() ? p.getToxicityExplanation() : null), curve(p),
                p.hasResponse() || p.hasProgressionFreeSurvival());
    }

    private static String statusClass(EligibilityStatus s) {
        return switch (s) {
            case ELIGIBILITY_STATUS_ELIGIBLE -> "eligible";
            case ELIGIBILITY_STATUS_ELIGIBLE_WITH_CAUTIONS -> "caution";
            case ELIGIBILITY_STATUS_CONTRAINDICATED -> "contraindicated";
            default -> "not-indicated";
        };
    }

    private static List<Views.Factor> factors(Explanation e) {
        if (e == null) {
            return List.of();
        }
        List<Views.Factor> out = new ArrayList<>();
        for (FeatureContribution c : e.getContributionsList()) {
            String value = c.getDisplayValue().isEmpty() ? fmt(c.getValue(), 2) + (c.getUnit().isEmpty() ? "" : " " + c.getUnit())
                    : c.getDisplayValue();
            out.add(new Views.Factor(c.getLabel().isEmpty() ? c.getFeature() : c.getLabel(), value,
                    c.getContribution() >= 0 ? "raises" : "lowers",
                    String.format(Locale.ROOT, "%+.2f", c.getContribution()), c.getImputed()));
        }
        return out;
    }

    /** The PFS curve as the chart script reads it: months, S, band, median, landmarks. */
    private static String curve(RegimenPrediction p) {
        if (!p.hasProgressionFreeSurvival() || p.getProgressionFreeSurvival().getMonthlyCurveCount() == 0) {
            return "";
        }
        SurvivalEstimate s = p.getProgressionFreeSurvival();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", p.getRegimenName());
        List<Double> months = new ArrayList<>();
        List<Double> surv = new ArrayList<>();
        List<Double> lo = new ArrayList<>();
        List<Double> hi = new ArrayList<>();
        for (SurvivalPoint pt : s.getMonthlyCurveList()) {
            months.add(pt.getMonth());
            surv.add(round(pt.getSurvival()));
            lo.add(round(pt.getLower()));
            hi.add(round(pt.getUpper()));
        }
        c.put("months", months);
        c.put("s", surv);
        c.put("lo", lo);
        c.put("hi", hi);
        c.put("horizon", s.getHorizonMonths());
        if (s.hasMedianMonths()) {
            c.put("median", s.getMedianMonths());
        }
        try {
            return JSON.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Of 100 patients like this: responders and severe toxicities, from the point estimates. */
    public static Views.IconArray icons(Views.Option o) {
        int responders = o.responsePoint() < 0 ? 0 : (int) Math.round(o.responsePoint() * 100);
        int toxic = o.toxicityPoint() < 0 ? 0 : (int) Math.round(o.toxicityPoint() * 100);
        List<Boolean> respond = new ArrayList<>();
        List<Boolean> tox = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            respond.add(i < responders);
            tox.add(i < toxic);
        }
        return new Views.IconArray(o.name(), responders, toxic, respond, tox);
    }

    public static Views.Model model(ModelInfo m) {
        return new Views.Model(m.getVersion(), dash(m.getTrainedAt()), m.getTrainingCohortSize(), m.getBootstrapReplicates(),
                label(m.getLearner().name(), "LEARNER_") + "-learner, " + label(m.getBaseLearner().name(), "BASE_LEARNER_"),
                m.getProvenanceHash(), m.getCatalogueVersion());
    }

    /** The registry's model card JSON (schema model-card-v1) as the page shows it. */
    public static Views.Card card(long version, JsonNode card) {
        JsonNode data = card.path("data");
        JsonNode training = card.path("training");
        JsonNode metrics = card.path("metrics_held_out");
        List<String> notFor = new ArrayList<>();
        card.path("not_intended_for").forEach(n -> notFor.add(n.asText()));
        List<String> limitations = new ArrayList<>();
        card.path("limitations").forEach(n -> limitations.add(n.asText()));
        JsonNode pfs = metrics.path("progression_free_survival");
        String oe = pfs.has("observed_events_12_months") ? "observed " + pfs.path("observed_events_12_months").asText()
                + " vs expected " + fmt(pfs.path("expected_events_12_months").asDouble(), 1) + " events within 12 months"
                : "—";
        JsonNode response = metrics.path("response");
        String calibration = response.has("calibration_slope") ? "slope " + fmt(response.path("calibration_slope").asDouble(), 2)
                + ", intercept " + fmt(response.path("calibration_intercept").asDouble(), 2) + ", Brier "
                + fmt(response.path("brier").asDouble(), 3) : "—";
        JsonNode period = card.path("data_period");
        String trainingPeriod = period.has("first_line_start") ? "therapy lines started " + period.path("first_line_start")
                .asText() + " to " + period.path("last_line_start").asText() + " (± up to 365 days: de-identified dates)"
                : "not recorded";
        return new Views.Card(version, card.path("intended_use").asText("—"), notFor, data.path("source").asText("—"),
                data.path("patients").asInt(), data.path("training_lines").asInt(), data.path("held_out_lines").asInt(),
                training.path("trained_at").asText("—"), training.path("learner").asText("—"),
                training.path("base_learner").asText("—"), training.path("bootstrap_replicates").asInt(),
                withCi(response, "auroc"), calibration, withCi(metrics.path("severe_toxicity"), "auroc"),
                withCi(pfs, "c_index"), withCi(metrics.path("overall_survival"), "c_index"), oe,
                data.path("regimens").size(), limitations, trainingPeriod);
    }

    private static String withCi(JsonNode m, String name) {
        if (!m.has(name)) {
            return "not measured";
        }
        JsonNode ci = m.path(name + "_95ci");
        return fmt(m.path(name).asDouble(), 3) + (ci.size() == 2 ? " (95% CI " + fmt(ci.get(0).asDouble(), 3) + "–"
                + fmt(ci.get(1).asDouble(), 3) + ")" : "") + (m.has("n") ? ", n = " + m.path("n").asInt() : "");
    }

    public static List<Views.VersionRow> versions(List<org.oncopredict.proto.efficacy.v1.ModelVersion> versions) {
        List<Views.VersionRow> rows = new ArrayList<>();
        for (var v : versions) {
            rows.add(new Views.VersionRow(v.getVersion(), label(v.getState().name(), "MODEL_STATE_"), v.getCreatedAt(),
                    v.getCohortSize(), v.hasAuroc() ? fmt(v.getAuroc(), 3) : "—",
                    v.hasCalibrationSlope() ? fmt(v.getCalibrationSlope(), 2) : "—",
                    v.hasCIndex() ? fmt(v.getCIndex(), 3) : "—",
                    v.getState() == org.oncopredict.proto.efficacy.v1.ModelState.MODEL_STATE_CANDIDATE));
        }
        return rows;
    }

    public static List<Views.GroupRow> group(PredictCohortResponse r) {
        List<Views.GroupRow> rows = new ArrayList<>();
        for (CohortRegimenSummary s : r.getRegimensList()) {
            rows.add(new Views.GroupRow(s.getRegimenId(), s.getRegimenName(), s.getEligiblePatients(),
                    s.hasResponse() ? percent(s.getResponse().getProbability()) + " " + interval(s.getResponse()) : "—",
                    s.hasSevereToxicity() ? percent(s.getSevereToxicity().getProbability()) + " "
                            + interval(s.getSevereToxicity()) : "—",
                    s.hasProgressionFreeSurvival() ? median(s.getProgressionFreeSurvival()) : "—",
                    landmark(s.getProgressionFreeSurvival(), 12), s.getLowSupportPatients(), dash(s.getEvidenceLevel())));
        }
        return rows;
    }

    // ------------------------------------------------------------------------------------------ formatting

    static String percent(double p) {
        return String.format(Locale.ROOT, "%.0f%%", p * 100);
    }

    static String interval(ProbabilityEstimate e) {
        return e == null ? "" : String.format(Locale.ROOT, "(90%% interval %.0f–%.0f%%)", e.getLower() * 100, e.getUpper() * 100);
    }

    private static String median(SurvivalEstimate s) {
        if (!s.hasMedianMonths()) {
            // A group summary carries landmarks only (no horizon): say nothing rather than "within 0 months".
            return s.getHorizonMonths() > 0 ? "not reached within " + fmt(s.getHorizonMonths(), 0) + " months" : "—";
        }
        String band = s.hasMedianLowerMonths() ? fmt(s.getMedianLowerMonths(), 1) : "?";
        band += "–" + (s.hasMedianUpperMonths() ? fmt(s.getMedianUpperMonths(), 1) : "not reached");
        return fmt(s.getMedianMonths(), 1) + " months (" + band + ")";
    }

    private static String landmark(SurvivalEstimate s, int month) {
        for (SurvivalPoint p : s.getLandmarksList()) {
            if (Math.abs(p.getMonth() - month) < 1e-9) {
                return String.format(Locale.ROOT, "%.0f%% (%.0f–%.0f%%)", p.getSurvival() * 100, p.getLower() * 100,
                        p.getUpper() * 100);
            }
        }
        return "—";
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** "SEX_FEMALE" → "Female", "RECIST_RESPONSE_PR" → "PR" (short codes stay upper case). */
    static String label(String enumName, String prefix) {
        String s = enumName.startsWith(prefix) ? enumName.substring(prefix.length()) : enumName;
        if (s.equals("UNSPECIFIED")) {
            return "—";
        }
        if (s.endsWith("_PLUS")) {
            return s.substring(0, s.length() - 5) + "+"; // HER2 IHC 3+
        }
        if (s.length() <= 3 || s.matches("[A-Z0-9]+_[A-Z0-9]{1,2}")) {
            return s.replace('_', '-');
        }
        String words = s.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String cancer(String enumName) {
        String s = label(enumName, "CANCER_TYPE_");
        return s.equalsIgnoreCase("nsclc") ? "NSCLC" : s;
    }

    private static String name(String given, String family) {
        String n = (given + " " + family).strip();
        return n.isEmpty() ? "—" : n;
    }

    private static String dash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}
