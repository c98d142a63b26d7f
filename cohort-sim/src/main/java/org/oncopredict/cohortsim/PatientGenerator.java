package org.oncopredict.cohortsim;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.oncopredict.cohortsim.TumourGenerator.Tumour;
import org.oncopredict.cohortsim.truth.Covariates;
import org.oncopredict.cohortsim.truth.GroundTruthModel;
import org.oncopredict.cohortsim.truth.LabPanel;
import org.oncopredict.cohortsim.truth.TrueOutcome;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.Comorbidity;
import org.oncopredict.proto.profile.v1.EcogAssessment;
import org.oncopredict.proto.profile.v1.FollowUp;
import org.oncopredict.proto.profile.v1.History;
import org.oncopredict.proto.profile.v1.Identity;
import org.oncopredict.proto.profile.v1.LabResult;
import org.oncopredict.proto.profile.v1.LabType;
import org.oncopredict.proto.profile.v1.Lifestyle;
import org.oncopredict.proto.profile.v1.MetastaticSite;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.ReasonStopped;
import org.oncopredict.proto.profile.v1.RecistResponse;
import org.oncopredict.proto.profile.v1.Sex;
import org.oncopredict.proto.profile.v1.SmokingStatus;
import org.oncopredict.proto.profile.v1.TherapyLine;

import static org.oncopredict.cohortsim.Numbers.clamp;
import static org.oncopredict.cohortsim.Numbers.round;

/**
 * Generates one patient from its own random stream: demographics, tumour, lifestyle, comorbidities,
 * then line by line the ECOG and labs before the start, the covariate snapshot, the assignment, the
 * drawn outcome and its censored record, and finally the follow-up.
 *
 * <p>Time line. Diagnosis → (21–56 days of work-up for stage IV; 6–30 months to recurrence for
 * stage III) → line 1. Follow-up ends at the censoring date, min(asOf, line 1 start + loss to
 * follow-up ~ Exponential). A patient who progresses (not dies) on line 1 while under follow-up
 * starts line 2 with probability {@code secondLineFraction}, 0.5–2 months after progression,
 * provided they are still alive then. Death comes from the last line's drawn OS.
 */
final class PatientGenerator {

    /** Average Gregorian month in days: converts model months to calendar days. */
    static final double DAYS_PER_MONTH = 365.25 / 12;
    /** First restaging, in months: the best response is known only after it (or at an earlier progression). */
    static final double FIRST_ASSESSMENT_MONTHS = 1.5;
    private static final int MRN_SPACE = 100_000_000;

    private final SimulationConfig config;
    /** MRN = (a · index + b) mod 10⁸, a bijection for a coprime to 10⁸: unique MRNs, no shared state. */
    private final long mrnMultiplier;
    private final long mrnOffset;

    PatientGenerator(SimulationConfig config) {
        this.config = config;
        long a = Math.floorMod(Rng.mix64(config.seed() ^ 0x5DEECE66DL), MRN_SPACE);
        while (a % 2 == 0 || a % 5 == 0) {
            a = (a + 1) % MRN_SPACE;
        }
        this.mrnMultiplier = a;
        this.mrnOffset = Math.floorMod(Rng.mix64(config.seed() ^ 0xB5297A4DL), MRN_SPACE);
    }

    SimulatedPatient generate(long index) {
        Rng rng = Rng.forPatient(config.seed(), index);
        CancerType type = config.cancerMix().pick(rng.uniform());
        boolean female = type == CancerType.CANCER_TYPE_BREAST ? rng.chance(0.99) : rng.chance(0.45);
        SmokingStatus smoking = smoking(type, female, rng);
        Tumour tumour = TumourGenerator.generate(type, female, smoking, rng);

        // Dates: the first line must start before asOf with at least two months to spare.
        int daysToFirstLine = tumour.stageIv() ? rng.between(21, 56) : rng.between(180, 900);
        LocalDate earliestDiagnosis = config.asOf().minusYears(config.diagnosisWindowYears());
        LocalDate latestDiagnosis = config.asOf().minusDays(60L + daysToFirstLine);
        LocalDate diagnosis = earliestDiagnosis.plusDays(
                rng.between(0, (int) ChronoUnit.DAYS.between(earliestDiagnosis, latestDiagnosis)));
        int targetAge = (int) Math.max(28, Math.min(89, StrictMath.rint(rng.normal(tumour.meanAge(), 10))));
        LocalDate birth = diagnosis.minusYears(targetAge).minusDays(rng.between(0, 364));
        int ageAtDiagnosis = Period.between(birth, diagnosis).getYears();
        LocalDate firstLineStart = diagnosis.plusDays(daysToFirstLine);

        Names.Name name = Names.draw(rng, female);
        PatientProfile.Builder p = PatientProfile.newBuilder()
                .setIdentity(Identity.newBuilder()
                        .setMrn(String.format("MRN%08d", (mrnMultiplier * index + mrnOffset) % MRN_SPACE))
                        .setGivenName(name.given())
                        .setFamilyName(name.family())
                        .setBirthDate(birth.toString()))
                .setSex(female ? Sex.SEX_FEMALE : Sex.SEX_MALE)
                .addCareTeams(careTeam(type, rng))
                .setAgeBand(ageBand(ageAtDiagnosis))
                .setAgeAtDiagnosisYears(Math.min(90, ageAtDiagnosis));
        p.setCancer(tumour.condition().setDiagnosisDate(diagnosis.toString()));
        p.setGenomics(tumour.genomics().setReportDate(
                diagnosis.plusDays(rng.between(7, daysToFirstLine - 3)).toString()));

        int ecog = firstLineEcog(ageAtDiagnosis, rng);
        p.setLifestyle(lifestyle(type, smoking, ecog, rng));
        boolean diabetes = addComorbidities(p, ageAtDiagnosis, female, rng);
        boolean hypertension = p.getHistory().getComorbiditiesList().stream().anyMatch(c -> c.getCode().equals("I10"));
        boolean liverMetastases = p.getCancer().getMetastaticSitesList().contains(MetastaticSite.METASTATIC_SITE_LIVER);
        LabPanel labs = baselineLabs(ageAtDiagnosis, female, diabetes, hypertension, liverMetastases, rng);
        addKidneyDisease(p, labs.estimatedGfr(), rng);

        // Censoring: administrative at asOf, or earlier loss to follow-up.
        LocalDate censorDate = config.asOf();
        if (config.lossToFollowUpPerYear() > 0) {
            double lostMonths = rng.exponential(12 / config.lossToFollowUpPerYear());
            if (lostMonths * DAYS_PER_MONTH < ChronoUnit.DAYS.between(firstLineStart, censorDate)) {
                censorDate = plusMonths(firstLineStart, lostMonths);
            }
        }

        List<LineRun> runs = new ArrayList<>();
        LineRun first = runLine(p, 1, firstLineStart, ecog, labs, censorDate, rng);
        runs.add(first);
        // The last line given determines when the patient dies.
        LineRun last = first;
        DrawnOutcome d1 = first.drawn();
        if (first.observed().pfsEvent() && !d1.deathBeforeProgression() && rng.chance(config.secondLineFraction())) {
            double gap = rng.uniform(0.5, 2.0);
            LocalDate secondStart = plusMonths(firstLineStart, d1.pfsMonths() + gap);
            if (gap < d1.postProgressionMonths() && !secondStart.isAfter(censorDate)) {
                // Performance status tends to worsen after progression.
                int ecog2 = Math.max(0, Math.min(4, ecog + rng.weighted(0.05, 0.50, 0.35, 0.10) - 1));
                last = runLine(p, 2, secondStart, ecog2, labsAfter(labs, first.regimen(), rng), censorDate, rng);
                runs.add(last);
            }
        }

        // Death, if it happens before the censoring date, comes from the last line's drawn OS. Compared
        // in months, exactly as the line's PFS event was, so that the two always agree.
        double deathMonths = last.drawn().osMonths();
        boolean deceased = deathMonths <= monthsBetween(last.start(), censorDate);
        LocalDate deathDate = plusMonths(last.start(), deathMonths);
        LocalDate lastContact = deceased ? deathDate : censorDate;
        p.setFollowUp(FollowUp.newBuilder()
                .setLastContactDate(lastContact.toString())
                .setDeceased(deceased)
                .setDeathDate(deceased ? deathDate.toString() : ""));

        // Exact time of death or censoring, in months from the first line's start.
        double end = deceased
                ? monthsBetween(firstLineStart, last.start()) + deathMonths
                : monthsBetween(firstLineStart, censorDate);
        List<SimulatedLine> lines = new ArrayList<>();
        for (LineRun run : runs) {
            double osMonths = end - monthsBetween(firstLineStart, run.start());
            ObservedOutcome o = run.observed();
            lines.add(new SimulatedLine(run.lineNumber(), run.start(), run.covariates(), run.regimen(),
                    run.probabilities(), run.truth(), run.drawn(),
                    new ObservedOutcome(o.bestResponse(), o.pfsMonths(), o.pfsEvent(), osMonths, deceased,
                            o.worstToxicityGrade(), o.immuneRelatedToxicity(), o.reasonStopped())));
        }
        return new SimulatedPatient(index, p.build(), lines);
    }

    /** A line as run; its observed OS is filled in once the patient's death or censoring is known. */
    private record LineRun(int lineNumber, LocalDate start, Covariates covariates, Regimen regimen,
                           Map<Regimen, Double> probabilities, TrueOutcome truth, DrawnOutcome drawn,
                           ObservedOutcome observed) {
    }

    /**
     * Records ECOG and labs shortly before {@code start}, takes the covariate snapshot, assigns the
     * regimen, draws the outcome and records the censored line in the profile.
     */
    private LineRun runLine(PatientProfile.Builder p, int lineNumber, LocalDate start, int ecog, LabPanel labs,
                            LocalDate censorDate, Rng rng) {
        var history = p.getHistoryBuilder();
        history.addEcog(EcogAssessment.newBuilder()
                .setDate(start.minusDays(rng.between(1, 10)).toString()).setScore(ecog));
        String labDate = start.minusDays(rng.between(1, 10)).toString();
        addLab(history, labDate, LabType.LAB_TYPE_EGFR, labs.estimatedGfr());
        addLab(history, labDate, LabType.LAB_TYPE_BILIRUBIN, labs.bilirubin());
        addLab(history, labDate, LabType.LAB_TYPE_ALT, labs.alt());
        addLab(history, labDate, LabType.LAB_TYPE_ANC, labs.anc());
        addLab(history, labDate, LabType.LAB_TYPE_HEMOGLOBIN, labs.haemoglobin());

        Covariates x = Covariates.atLineStart(p, lineNumber, start);
        Map<Regimen, Double> probabilities = TreatmentPolicy.probabilities(x, config.assignmentMode());
        Regimen regimen = drawRegimen(probabilities, rng);
        TrueOutcome truth = GroundTruthModel.outcome(x, regimen);
        DrawnOutcome drawn = DrawnOutcome.draw(truth, rng);

        double followUp = monthsBetween(start, censorDate);
        double t = drawn.pfsMonths();
        boolean pfsEvent = t <= followUp;
        boolean progressionObserved = pfsEvent && !drawn.deathBeforeProgression();
        boolean deathObserved = pfsEvent && drawn.deathBeforeProgression();

        // When treatment would stop without censoring, and why.
        double untilProgression = Math.min(t, regimen.maxDurationMonths());
        double toxicityOnset = drawn.severeToxicity() ? rng.uniform() * Math.min(untilProgression, 3.0) : Double.NaN;
        boolean immuneRelated = drawn.severeToxicity() && regimen.isCheckpointInhibitor()
                && rng.chance(regimen == Regimen.PEMBROLIZUMAB ? 0.5 : 0.2);
        double stop;
        ReasonStopped reason;
        if (drawn.severeToxicity() && rng.chance(immuneRelated ? 0.7 : 0.3)) {
            stop = toxicityOnset;
            reason = ReasonStopped.REASON_STOPPED_TOXICITY;
        } else if (!drawn.severeToxicity() && rng.chance(0.03)) {
            stop = rng.uniform() * untilProgression;
            reason = ReasonStopped.REASON_STOPPED_PATIENT_CHOICE;
        } else if (regimen.maxDurationMonths() < t) {
            stop = regimen.maxDurationMonths();
            reason = ReasonStopped.REASON_STOPPED_COMPLETED;
        } else {
            stop = t;
            reason = drawn.deathBeforeProgression() ? ReasonStopped.REASON_STOPPED_DEATH
                    : ReasonStopped.REASON_STOPPED_PROGRESSION;
        }
        boolean ongoing = stop > followUp;
        boolean severeObserved = drawn.severeToxicity() && toxicityOnset <= followUp;
        int grade = severeObserved ? (rng.chance(0.8) ? 3 : 4)
                : regimen.isBestSupportiveCare() ? rng.weighted(0.60, 0.30, 0.10) : rng.weighted(0.15, 0.40, 0.45);
        boolean immuneObserved = severeObserved && immuneRelated;

        RecistResponse response = bestResponse(drawn.responder(), t, followUp, progressionObserved, deathObserved, rng);
        history.addTherapyLines(TherapyLine.newBuilder()
                .setLineNumber(lineNumber)
                .setRegimenId(regimen.id())
                .setStartDate(start.toString())
                .setEndDate(ongoing ? "" : plusMonths(start, stop).toString())
                .setBestResponse(response)
                .setProgressionDate(progressionObserved ? plusMonths(start, t).toString() : "")
                .setWorstToxicityGrade(grade)
                .setReasonStopped(ongoing ? ReasonStopped.REASON_STOPPED_ONGOING : reason)
                .setImmuneRelatedToxicity(immuneObserved));
        ObservedOutcome observed = new ObservedOutcome(response, Math.min(t, followUp), pfsEvent, Double.NaN, false,
                grade, immuneObserved, ongoing ? ReasonStopped.REASON_STOPPED_ONGOING : reason);
        return new LineRun(lineNumber, start, x, regimen, probabilities, truth, drawn, observed);
    }

    /**
     * RECIST best response as recorded. Responders show CR (10 %) or PR once assessed; non-responders
     * show PD when progression precedes the first assessment, SD otherwise. A line without
     * assessment is NOT_EVALUABLE after death and UNSPECIFIED (not yet known) when censored.
     */
    private static RecistResponse bestResponse(boolean responder, double pfs, double followUp,
                                               boolean progressionObserved, boolean deathObserved, Rng rng) {
        boolean assessed = Math.min(pfs, followUp) >= FIRST_ASSESSMENT_MONTHS;
        if (responder && (assessed || progressionObserved)) {
            return rng.chance(0.10) ? RecistResponse.RECIST_RESPONSE_CR : RecistResponse.RECIST_RESPONSE_PR;
        }
        if (!responder && progressionObserved && pfs < FIRST_ASSESSMENT_MONTHS) {
            return RecistResponse.RECIST_RESPONSE_PD;
        }
        if (!responder && assessed) {
            return RecistResponse.RECIST_RESPONSE_SD;
        }
        return deathObserved ? RecistResponse.RECIST_RESPONSE_NOT_EVALUABLE : RecistResponse.RECIST_RESPONSE_UNSPECIFIED;
    }

    private static Regimen drawRegimen(Map<Regimen, Double> probabilities, Rng rng) {
        double u = rng.uniform();
        Regimen chosen = null;
        for (Map.Entry<Regimen, Double> e : probabilities.entrySet()) {
            chosen = e.getKey();
            u -= e.getValue();
            if (u < 0) {
                break;
            }
        }
        return chosen;
    }

    // ---------------------------------------------------------------------------------------------

    private static SmokingStatus smoking(CancerType type, boolean female, Rng rng) {
        double[] neverFormerCurrent = switch (type) {
            case CANCER_TYPE_NSCLC -> female ? new double[] {0.25, 0.42, 0.33} : new double[] {0.10, 0.53, 0.37};
            case CANCER_TYPE_COLORECTAL -> new double[] {0.45, 0.40, 0.15};
            default -> new double[] {0.58, 0.32, 0.10};
        };
        return switch (rng.weighted(neverFormerCurrent)) {
            case 0 -> SmokingStatus.SMOKING_STATUS_NEVER;
            case 1 -> SmokingStatus.SMOKING_STATUS_FORMER;
            default -> SmokingStatus.SMOKING_STATUS_CURRENT;
        };
    }

    private static String careTeam(CancerType type, Rng rng) {
        return switch (type) {
            case CANCER_TYPE_NSCLC -> rng.chance(0.5) ? "thoracic-a" : "thoracic-b";
            case CANCER_TYPE_COLORECTAL -> "gi-a";
            default -> "breast-a";
        };
    }

    /** Five-year band, top-coded at "90+". */
    static String ageBand(int age) {
        if (age >= 90) {
            return "90+";
        }
        int low = age / 5 * 5;
        return low + "-" + (low + 4);
    }

    private static int firstLineEcog(int age, Rng rng) {
        return age >= 75 ? rng.weighted(0.18, 0.45, 0.27, 0.10) : rng.weighted(0.33, 0.47, 0.16, 0.04);
    }

    private static Lifestyle lifestyle(CancerType type, SmokingStatus smoking, int ecog, Rng rng) {
        Lifestyle.Builder l = Lifestyle.newBuilder().setSmokingStatus(smoking);
        boolean lung = type == CancerType.CANCER_TYPE_NSCLC;
        if (smoking == SmokingStatus.SMOKING_STATUS_FORMER) {
            l.setPackYears(clamp(StrictMath.rint(rng.logNormal(lung ? 35 : 18, 0.5)), 1, 150));
        } else if (smoking == SmokingStatus.SMOKING_STATUS_CURRENT) {
            l.setPackYears(clamp(StrictMath.rint(rng.logNormal(lung ? 42 : 22, 0.5)), 1, 150));
        }
        l.setAlcoholUnitsPerWeek(rng.chance(0.35) ? 0 : clamp(round(rng.logNormal(5, 0.8), 1), 0.5, 80));
        l.setBmi(clamp(round(lung ? rng.normal(25, 4.5) : rng.normal(27.5, 5), 1), 15, 55));
        // Activity falls with performance status.
        double[] median = {150, 75, 20, 5, 5};
        l.setActivityMinutesPerWeek(rng.chance(0.10 + 0.15 * ecog) ? 0
                : (int) Math.min(1200, StrictMath.rint(rng.logNormal(median[ecog], 0.6))));
        return l.build();
    }

    /** Adds the baseline comorbidities except kidney disease; returns whether diabetes is present. */
    private static boolean addComorbidities(PatientProfile.Builder p, int age, boolean female, Rng rng) {
        var history = p.getHistoryBuilder();
        Lifestyle l = p.getLifestyle();
        boolean ever = l.getSmokingStatus() != SmokingStatus.SMOKING_STATUS_NEVER;
        double copd = ever ? Math.min(0.6, (p.getCancer().getCancerType() == CancerType.CANCER_TYPE_NSCLC ? 0.10 : 0.05)
                + 0.005 * l.getPackYears()) : 0.02;
        if (rng.chance(copd)) {
            comorbidity(history, "J44.9", "Chronic obstructive pulmonary disease, unspecified");
        }
        boolean diabetes = rng.chance(clamp(0.10 + 0.01 * Math.max(0, l.getBmi() - 25) + 0.003 * (age - 60), 0.03, 0.45));
        if (diabetes) {
            comorbidity(history, "E11.9", "Type 2 diabetes mellitus without complications");
        }
        if (rng.chance(clamp(0.25 + 0.01 * (age - 50), 0.10, 0.70))) {
            comorbidity(history, "I10", "Essential (primary) hypertension");
        }
        if (rng.chance(clamp(0.05 + (ever ? 0.05 : 0) + 0.004 * (age - 60), 0.01, 0.30))) {
            comorbidity(history, "I25.10", "Atherosclerotic heart disease of native coronary artery without angina pectoris");
        }
        if (rng.chance(clamp(0.02 + 0.003 * (age - 60), 0.005, 0.15))) {
            comorbidity(history, "I48.91", "Unspecified atrial fibrillation");
        }
        if (rng.chance(female ? 0.08 : 0.02)) {
            comorbidity(history, "E03.9", "Hypothyroidism, unspecified");
        }
        return diabetes;
    }

    /** Chronic kidney disease is coded (mostly) when the baseline eGFR is below 60. */
    private static void addKidneyDisease(PatientProfile.Builder p, double egfr, Rng rng) {
        var history = p.getHistoryBuilder();
        if (egfr < 30 && rng.chance(0.9)) {
            comorbidity(history, "N18.4", "Chronic kidney disease, stage 4 (severe)");
        } else if (egfr >= 30 && egfr < 60 && rng.chance(0.85)) {
            comorbidity(history, "N18.3", "Chronic kidney disease, stage 3 (moderate)");
        }
    }

    private static LabPanel baselineLabs(int age, boolean female, boolean diabetes, boolean hypertension,
                                         boolean liverMetastases, Rng rng) {
        double egfr = clamp(StrictMath.rint(rng.normal(
                105 - 0.9 * (age - 40) - (diabetes ? 8 : 0) - (hypertension ? 5 : 0), 20)), 15, 130);
        double bilirubin = Math.max(0.1, round(liverMetastases ? rng.logNormal(0.8, 0.5) : rng.logNormal(0.55, 0.35), 1));
        double alt = Math.max(5, StrictMath.rint(liverMetastases ? rng.logNormal(32, 0.6) : rng.logNormal(20, 0.45)));
        double anc = clamp(round(rng.logNormal(4.6, 0.4), 1), 0.3, 20);
        double haemoglobin = clamp(round((female ? rng.normal(12.4, 1.4) : rng.normal(13.3, 1.6))
                - (liverMetastases ? 0.5 : 0), 1), 6.0, 17.5);
        return new LabPanel(egfr, bilirubin, alt, anc, haemoglobin);
    }

    /**
     * Labs before the second line: cisplatin costs renal function, chemotherapy lowers haemoglobin and
     * neutrophils, liver values drift.
     */
    private static LabPanel labsAfter(LabPanel before, Regimen firstRegimen, Rng rng) {
        boolean cytotoxic = firstRegimen.isCytotoxic();
        return new LabPanel(
                clamp(StrictMath.rint(before.estimatedGfr() * (firstRegimen.contains(Drug.CISPLATIN) ? 0.85 : 0.97)
                        + rng.normal(0, 5)), 10, 130),
                Math.max(0.1, round(before.bilirubin() * rng.logNormal(1.05, 0.2), 1)),
                Math.max(5, StrictMath.rint(before.alt() * rng.logNormal(1.05, 0.25))),
                clamp(round(before.anc() * rng.logNormal(cytotoxic ? 0.8 : 1.0, cytotoxic ? 0.3 : 0.2), 1), 0.3, 20),
                clamp(round(before.haemoglobin() - (cytotoxic ? 0.8 : 0.3) + rng.normal(0, 0.6), 1), 6.0, 17.5));
    }

    private static void comorbidity(History.Builder history, String code, String display) {
        history.addComorbidities(Comorbidity.newBuilder().setCode(code).setDisplay(display));
    }

    private static void addLab(History.Builder history, String date, LabType type,
                               double value) {
        history.addLabs(LabResult.newBuilder().setDate(date).setType(type).setValue(value));
    }

    static LocalDate plusMonths(LocalDate start, double months) {
        return start.plusDays(StrictMath.round(months * DAYS_PER_MONTH));
    }

    static double monthsBetween(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) / DAYS_PER_MONTH;
    }
}
