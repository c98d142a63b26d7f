package org.oncopredict.profile.domain;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rules that span fields, each reported on the field a clinician would fix:
 * <ul>
 *   <li>identity is required (a de-identified profile cannot be stored); birth date not before 1900;</li>
 *   <li>diagnosis, molecular report, ECOG, labs, therapy lines and follow-up not before the birth date;
 *       lab values below the plausibility ceiling of their {@link LabType};</li>
 *   <li>stage group consistent with TNM where determinable: M1* requires stage IV*, M0 forbids it;
 *       metastatic sites only with M1*;</li>
 *   <li>pack-years only for former or current smokers;</li>
 *   <li>therapy lines: unique line numbers, start on/after diagnosis, end and progression on/after start,
 *       no end date while ongoing, a progression date when stopped for progression;</li>
 *   <li>follow-up: a deceased patient has a death date and a living one has none; death not before the start
 *       of the last therapy line; last contact not after death.</li>
 * </ul>
 * Single-field rules (ranges, patterns, dates not in the future) are Bean Validation annotations on the records.
 */
public class ConsistentProfileValidator implements ConstraintValidator<ConsistentProfile, PatientProfile> {

    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    @Override
    public boolean isValid(PatientProfile p, ConstraintValidatorContext ctx) {
        if (p == null) {
            return true;
        }
        Violations v = new Violations(ctx);
        LocalDate birth = p.identity() == null ? null : p.identity().birthDate();
        if (p.identity() == null) {
            v.add("identity", "must not be null");
        } else if (birth != null && birth.isBefore(EARLIEST_BIRTH)) {
            v.add("identity.birthDate", "must not be before 1900-01-01");
        }

        LocalDate diagnosis = null;
        CancerCondition c = p.cancer();
        if (c != null) {
            diagnosis = c.diagnosisDate();
            notBefore(v, "cancer.diagnosisDate", diagnosis, birth, "the birth date");
            if (c.mCategory() != null && c.stageGroup() != null) {
                boolean stageIv = c.stageGroup().startsWith("IV");
                if (c.isMetastatic() && !stageIv) {
                    v.add("cancer.stageGroup", "must be stage IV when the M category is " + c.mCategory() + " (AJCC 8)");
                } else if ("M0".equals(c.mCategory()) && stageIv) {
                    v.add("cancer.stageGroup", "must not be stage IV when the M category is M0 (AJCC 8)");
                }
            }
            if (!c.metastaticSites().isEmpty() && c.mCategory() != null && !c.isMetastatic()) {
                v.add("cancer.metastaticSites", "must be empty unless the M category is M1");
            }
        }

        Genomics g = p.genomics();
        notBefore(v, "genomics.reportDate", g.reportDate(), birth, "the birth date");

        Lifestyle l = p.lifestyle();
        if (l.smokingStatus() == SmokingStatus.NEVER && l.packYears() != null && l.packYears() > 0) {
            v.add("lifestyle.packYears", "must be empty or 0 for a never-smoker");
        }

        History h = p.history();
        for (int i = 0; i < h.ecog().size(); i++) {
            notBefore(v, "history.ecog[" + i + "].date", h.ecog().get(i).date(), birth, "the birth date");
        }
        for (int i = 0; i < h.labs().size(); i++) {
            LabResult lab = h.labs().get(i);
            notBefore(v, "history.labs[" + i + "].date", lab.date(), birth, "the birth date");
            if (lab.type() != null && lab.value() != null && lab.value() > lab.type().maxPlausible()) {
                v.add("history.labs[" + i + "].value", "must be at most " + lab.type().maxPlausible() + " "
                        + lab.type().unit() + " for " + lab.type());
            }
        }
        checkTherapyLines(v, h.therapyLines(), diagnosis, birth);
        checkFollowUp(v, p.followUp(), h.therapyLines(), birth);
        return v.none();
    }

    private static void checkTherapyLines(Violations v, List<TherapyLine> lines, LocalDate diagnosis, LocalDate birth) {
        Set<Integer> numbers = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            TherapyLine t = lines.get(i);
            String at = "history.therapyLines[" + i + "]";
            if (t.lineNumber() != null && !numbers.add(t.lineNumber())) {
                v.add(at + ".lineNumber", "must be unique; line " + t.lineNumber() + " appears twice");
            }
            if (diagnosis != null) {
                notBefore(v, at + ".startDate", t.startDate(), diagnosis, "the diagnosis date");
            } else {
                notBefore(v, at + ".startDate", t.startDate(), birth, "the birth date");
            }
            notBefore(v, at + ".endDate", t.endDate(), t.startDate(), "the start date");
            notBefore(v, at + ".progressionDate", t.progressionDate(), t.startDate(), "the start date");
            if (t.reasonStopped() == ReasonStopped.ONGOING && t.endDate() != null) {
                v.add(at + ".endDate", "must be empty while the line is ongoing");
            }
            if (t.reasonStopped() == ReasonStopped.PROGRESSION && t.progressionDate() == null) {
                v.add(at + ".progressionDate", "must be set when the line stopped for progression");
            }
        }
    }

    private static void checkFollowUp(Violations v, FollowUp f, List<TherapyLine> lines, LocalDate birth) {
        if (f.deceased() && f.deathDate() == null) {
            v.add("followUp.deathDate", "must be set when the patient is deceased");
        }
        if (!f.deceased() && f.deathDate() != null) {
            v.add("followUp.deceased", "must be true when a death date is set");
        }
        notBefore(v, "followUp.deathDate", f.deathDate(), birth, "the birth date");
        notBefore(v, "followUp.lastContactDate", f.lastContactDate(), birth, "the birth date");
        if (f.deathDate() != null && f.lastContactDate() != null && f.lastContactDate().isAfter(f.deathDate())) {
            v.add("followUp.lastContactDate", "must not be after the death date");
        }
        LocalDate lastStart = lines.stream().map(TherapyLine::startDate).filter(d -> d != null)
                .max(LocalDate::compareTo).orElse(null);
        notBefore(v, "followUp.deathDate", f.deathDate(), lastStart, "the start of the last therapy line");
    }

    private static void notBefore(Violations v, String field, LocalDate date, LocalDate bound, String boundName) {
        if (date != null && bound != null && date.isBefore(bound)) {
            v.add(field, "must not be before " + boundName); // no date values: they are PHI
        }
    }

    /** Collects violations on named property paths instead of one class-level message. */
    private static final class Violations {
        private final ConstraintValidatorContext ctx;
        private boolean any;

        Violations(ConstraintValidatorContext ctx) {
            this.ctx = ctx;
            ctx.disableDefaultConstraintViolation();
        }

        void add(String path, String message) {
            any = true;
            ctx.buildConstraintViolationWithTemplate(message.replace("{", "\\{").replace("$", "\\$"))
                    .addPropertyNode(path).addConstraintViolation();
        }

        boolean none() {
            return !any;
        }
    }
}
