package org.oncopredict.cohortsim.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.oncopredict.cohortsim.Regimen;
import org.oncopredict.cohortsim.SimulatedLine;
import org.oncopredict.cohortsim.SimulatedPatient;
import org.oncopredict.cohortsim.stats.KaplanMeier;
import org.oncopredict.cohortsim.truth.Covariates;
import org.oncopredict.cohortsim.truth.SurvivalDistribution;
import org.oncopredict.cohortsim.truth.TrueOutcome;
import org.oncopredict.proto.profile.v1.CancerType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import static org.oncopredict.cohortsim.Regimen.*;
import static org.oncopredict.proto.profile.v1.CancerType.CANCER_TYPE_BREAST;
import static org.oncopredict.proto.profile.v1.CancerType.CANCER_TYPE_COLORECTAL;
import static org.oncopredict.proto.profile.v1.CancerType.CANCER_TYPE_NSCLC;

/**
 * Calibration report: for the trial settings of DESIGN.md §5, the true marginal figures of each
 * regimen over all simulated patients of the setting (counterfactual: as if all had received it) and
 * the observed figures among those who did.
 */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Simulate a cohort and print, per trial setting and regimen, the true marginal ORR, "
                + "median PFS and grade >= 3 toxicity over the whole setting (counterfactual) and the observed "
                + "figures among the patients who received the regimen (KM median with censoring).",
                "Use --mode RANDOMISED for balanced arms."})
final class SummaryCommand implements Runnable {

    private record Setting(String label, CancerType type, int line, Predicate<Covariates> group, List<Regimen> regimens) {
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("NSCLC EGFR-mutant (FLAURA)", CANCER_TYPE_NSCLC, 1,
                    x -> x.biomarkers().egfrSensitising(), List.of(OSIMERTINIB, GEFITINIB)),
            new Setting("NSCLC PD-L1 >= 50 %, no EGFR/ALK (KEYNOTE-024)", CANCER_TYPE_NSCLC, 1,
                    x -> x.biomarkers().pdl1High() && !x.biomarkers().egfrOrAlkDriver(),
                    List.of(PEMBROLIZUMAB, CARBOPLATIN_PEMETREXED)),
            new Setting("NSCLC non-squamous, no EGFR/ALK (KEYNOTE-189)", CANCER_TYPE_NSCLC, 1,
                    x -> !x.squamousHistology() && !x.biomarkers().egfrOrAlkDriver(),
                    List.of(PEMBROLIZUMAB_CARBOPLATIN_PEMETREXED, CARBOPLATIN_PEMETREXED)),
            new Setting("NSCLC ALK+ (ALEX)", CANCER_TYPE_NSCLC, 1,
                    x -> x.biomarkers().alkFusion(), List.of(ALECTINIB, CRIZOTINIB)),
            new Setting("NSCLC KRAS G12C, line 2 (CodeBreaK 100)", CANCER_TYPE_NSCLC, 2,
                    x -> x.biomarkers().krasG12c(), List.of(SOTORASIB)),
            new Setting("NSCLC line 2, no EGFR/ALK", CANCER_TYPE_NSCLC, 2,
                    x -> !x.biomarkers().egfrOrAlkDriver(), List.of(DOCETAXEL)),
            new Setting("Colorectal MSI-H (KEYNOTE-177)", CANCER_TYPE_COLORECTAL, 1,
                    x -> x.biomarkers().msiHigh(), List.of(PEMBROLIZUMAB, FOLFOX_BEVACIZUMAB, FOLFOX)),
            new Setting("Colorectal BRAF V600E, line 2 (BEACON)", CANCER_TYPE_COLORECTAL, 2,
                    x -> x.biomarkers().brafV600e(), List.of(ENCORAFENIB_CETUXIMAB)),
            new Setting("Breast HER2+ (CLEOPATRA)", CANCER_TYPE_BREAST, 1,
                    x -> x.biomarkers().her2Positive(), List.of(PERTUZUMAB_TRASTUZUMAB_DOCETAXEL)),
            new Setting("Breast HER2+, line 2 (DESTINY-Breast03)", CANCER_TYPE_BREAST, 2,
                    x -> x.biomarkers().her2Positive(), List.of(TRASTUZUMAB_DERUXTECAN, TRASTUZUMAB_EMTANSINE)),
            new Setting("Breast HR+/HER2- (PALOMA-2)", CANCER_TYPE_BREAST, 1,
                    x -> x.biomarkers().hormoneReceptorPositive() && !x.biomarkers().her2Positive(),
                    List.of(PALBOCICLIB_LETROZOLE, LETROZOLE)));

    @Mixin
    SimulationOptions simulation;

    @Override
    public void run() {
        List<SimulatedPatient> cohort = simulation.simulator().generate(Math.toIntExact(simulation.count));
        PrintStream out = utf8(System.out);
        out.println("Cohort: " + simulation.describe());
        out.println();
        out.println("| setting | regimen | N setting | true ORR | true median PFS | true PFS 12 mo | true P(G>=3) "
                + "| n given | observed ORR | KM median PFS | observed G>=3 |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Setting setting : SETTINGS) {
            List<SimulatedLine> lines = new ArrayList<>();
            for (SimulatedPatient patient : cohort) {
                for (SimulatedLine line : patient.lines()) {
                    if (patient.cancerType() == setting.type() && line.lineNumber() == setting.line()
                            && setting.group().test(line.covariates())) {
                        lines.add(line);
                    }
                }
            }
            if (lines.isEmpty()) {
                continue;
            }
            for (Regimen regimen : setting.regimens()) {
                List<TrueOutcome> truths = lines.stream().map(l -> l.counterfactual(regimen)).toList();
                List<SimulatedLine> given = lines.stream().filter(l -> l.regimen() == regimen).toList();
                out.printf(Locale.ROOT, "| %s | %s | %d | %.2f | %.1f | %.2f | %.2f | %d | %s | %s | %s |%n",
                        setting.label(), regimen.id(), lines.size(),
                        truths.stream().mapToDouble(TrueOutcome::responseProbability).average().orElseThrow(),
                        SurvivalDistribution.mixtureMedian(truths.stream().map(TrueOutcome::progressionFreeSurvival).toList()),
                        truths.stream().mapToDouble(t -> t.pfsSurvival(12)).average().orElseThrow(),
                        truths.stream().mapToDouble(TrueOutcome::severeToxicityProbability).average().orElseThrow(),
                        given.size(),
                        given.isEmpty() ? "-" : format(given.stream().filter(l -> l.drawn().responder()).count()
                                / (double) given.size(), "%.2f"),
                        given.isEmpty() ? "-" : format(kaplanMeierMedian(given), "%.1f"),
                        given.isEmpty() ? "-" : format(given.stream().filter(l -> l.observed().worstToxicityGrade() >= 3)
                                .count() / (double) given.size(), "%.2f"));
            }
        }
    }

    private static double kaplanMeierMedian(List<SimulatedLine> lines) {
        double[] times = lines.stream().mapToDouble(l -> l.observed().pfsMonths()).toArray();
        boolean[] events = new boolean[lines.size()];
        for (int i = 0; i < events.length; i++) {
            events[i] = lines.get(i).observed().pfsEvent();
        }
        return new KaplanMeier(times, events).median();
    }

    private static String format(double value, String pattern) {
        return Double.isNaN(value) ? "not reached" : String.format(Locale.ROOT, pattern, value);
    }

    /** Standard output in UTF-8 whatever the platform charset; closing it is not needed. */
    static PrintStream utf8(PrintStream stream) {
        return new PrintStream(stream, true, StandardCharsets.UTF_8);
    }
}
