package org.oncopredict.gateway.report;

import java.util.ArrayList;
import java.util.List;

import org.oncopredict.gateway.ui.Views;

/**
 * The case summary paragraph of a report, written by fixed templates from the profile's recorded fields only (an
 * EMR-style summary: nothing inferred, nothing invented; a missing field is said to be missing or left out). The same
 * profile always gives the same text.
 */
final class CaseNarrative {

    private CaseNarrative() {
    }

    static String of(Views.PatientPage p) {
        List<String> sentences = new ArrayList<>();
        String age = "—".equals(p.ageAtDiagnosis()) ? "age band " + p.ageBand() : p.ageAtDiagnosis() + " years at diagnosis";
        StringBuilder first = new StringBuilder();
        first.append(p.name()).append(" (").append(p.sex().toLowerCase(java.util.Locale.ROOT)).append(", ").append(age)
                .append(") has ").append(p.cancerType());
        List<String> codes = new ArrayList<>();
        if (!"—".equals(p.histology())) {
            codes.add("histology " + p.histology());
        }
        if (!"—".equals(p.primarySite())) {
            codes.add("primary site " + p.primarySite());
        }
        if (!codes.isEmpty()) {
            first.append(" (").append(String.join(", ", codes)).append(")");
        }
        if (!"—".equals(p.diagnosisDate())) {
            first.append(", diagnosed on ").append(p.diagnosisDate());
        }
        if (!"—".equals(p.stage())) {
            first.append(", stage ").append(p.stage());
            if (!"—".equals(p.tnm())) {
                first.append(" (").append(p.tnm()).append(")");
            }
        }
        sentences.add(first.toString());
        if (!"none recorded".equals(p.metastases())) {
            sentences.add("Metastatic sites: " + p.metastases().toLowerCase(java.util.Locale.ROOT));
        }
        List<String> findings = new ArrayList<>();
        for (Views.Finding f : p.genomics().findings()) {
            findings.add(f.label() + " (" + f.detail() + ")");
        }
        for (Views.Finding f : p.genomics().biomarkers()) {
            findings.add(f.label() + " " + f.detail());
        }
        if (findings.isEmpty()) {
            sentences.add("No molecular findings are recorded");
        } else {
            long actionable = p.genomics().findings().stream().filter(Views.Finding::isActionable).count()
                    + p.genomics().biomarkers().stream().filter(Views.Finding::isActionable).count();
            sentences.add("Molecular report of " + p.genomics().reportDate() + ": " + String.join("; ", findings)
                    + (actionable > 0 ? " — " + actionable + (actionable == 1 ? " finding is" : " findings are")
                    + " targeted by a catalogue regimen" : ""));
        }
        sentences.add("Latest ECOG performance status: " + p.ecog());
        if (p.lines().isEmpty()) {
            sentences.add("No systemic therapy is recorded");
        } else {
            List<String> lines = new ArrayList<>();
            for (Views.Line l : p.lines()) {
                StringBuilder s = new StringBuilder("line " + l.number() + " " + l.regimen() + " from " + l.start());
                s.append("ongoing".equals(l.end()) ? " (ongoing" : " to " + l.end() + " (");
                List<String> outcome = new ArrayList<>();
                if (!"—".equals(l.response())) {
                    outcome.add("best response " + l.response());
                }
                if (!"—".equals(l.progression())) {
                    outcome.add("progression " + l.progression());
                }
                if (!"—".equals(l.toxicity())) {
                    outcome.add("worst toxicity " + l.toxicity());
                }
                if ("ongoing".equals(l.end())) {
                    s.append(outcome.isEmpty() ? ")" : "; " + String.join(", ", outcome) + ")");
                } else {
                    s.append(outcome.isEmpty() ? "outcome not recorded)" : String.join(", ", outcome) + ")");
                }
                lines.add(s.toString());
            }
            sentences.add("Treatment history: " + String.join("; ", lines));
        }
        Views.Lifestyle life = p.lifestyle();
        List<String> lifestyle = new ArrayList<>();
        if (!"—".equals(life.smoking())) {
            lifestyle.add("smoking " + life.smoking().toLowerCase(java.util.Locale.ROOT));
        }
        if (!"—".equals(life.alcohol())) {
            lifestyle.add("alcohol " + life.alcohol());
        }
        if (!"—".equals(life.bmi())) {
            lifestyle.add("BMI " + life.bmi());
        }
        if (!lifestyle.isEmpty()) {
            sentences.add("Lifestyle: " + String.join(", ", lifestyle));
        }
        if (!p.comorbidities().isEmpty()) {
            sentences.add("Comorbidities: " + String.join("; ", p.comorbidities()));
        }
        if (p.deceased()) {
            sentences.add("The patient is recorded as deceased");
        }
        return String.join(". ", sentences) + ".";
    }
}
