package org.oncopredict.efficacy.catalogue;

import java.util.Objects;

/**
 * One reason behind an eligibility status, e.g. code RULE_TRIGGERED, severity CONTRAINDICATED, text
 * "eGFR 38 mL/min/1.73m² (2025-03-02) < 45: cisplatin contraindicated", patient value
 * "38 mL/min/1.73m² on 2025-03-02", rule id "cisplatin-renal-function".
 *
 * @param code         what kind of reason
 * @param severity     how much it weighs
 * @param text         clinician-facing explanation
 * @param patientValue the patient datum behind it: the value and date that triggered a rule, the
 *                     biomarker evidence, the line of therapy, or what is missing (e.g. "no eGFR on or
 *                     before 2025-03-10")
 * @param ruleId       the contraindication rule(s) behind it (comma-separated for missing data
 *                     shared by several rules), or {@code null} for indication reasons
 */
public record EligibilityReason(ReasonCode code, Severity severity, String text, String patientValue, String ruleId) {

    public EligibilityReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(patientValue, "patientValue");
    }
}
