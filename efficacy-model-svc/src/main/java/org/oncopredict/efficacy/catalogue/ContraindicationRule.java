package org.oncopredict.efficacy.catalogue;

import java.util.Objects;

/**
 * A declarative contraindication or caution: when {@code field operator threshold} holds for the
 * patient as of the evaluation date, every regimen in scope gets a reason of this severity. When the
 * datum is missing (no measurement in the look-back window), the regimen gets a
 * {@link Severity#CAUTION} saying that {@code topic} is unverified — never a silent pass.
 *
 * @param id           stable id, e.g. "cisplatin-renal-function"
 * @param appliesTo    the regimens in scope
 * @param field        the datum tested
 * @param operator     the comparison
 * @param threshold    threshold for numeric operators, {@code null} for {@link RuleOperator#IS_TRUE}
 * @param unit         the threshold's unit: the lab's unit, or {@link #TIMES_ULN}; {@code null} for
 *                     unitless fields
 * @param lookbackDays how old a dated measurement may be (labs, ECOG); 0 for history fields
 * @param severity     {@link Severity#CONTRAINDICATED} or {@link Severity#CAUTION}
 * @param reason       consequence in words, e.g. "cisplatin contraindicated"
 * @param topic        what cannot be verified when the datum is missing, e.g. "cisplatin eligibility"
 * @param source       label, guideline or trial the rule follows
 */
public record ContraindicationRule(
        String id,
        RuleScope appliesTo,
        RuleField field,
        RuleOperator operator,
        Double threshold,
        String unit,
        int lookbackDays,
        Severity severity,
        String reason,
        String topic,
        String source) {

    /** Unit of a lab threshold expressed as a multiple of the catalogue's upper limit of normal. */
    public static final String TIMES_ULN = "xULN";

    public ContraindicationRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(appliesTo, "appliesTo");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(source, "source");
    }

    /** The lab threshold is a multiple of the upper limit of normal. */
    public boolean relativeToUln() {
        return TIMES_ULN.equals(unit);
    }

    /** The condition for messages, e.g. "< 45", "> 1.5 × ULN", "≥ 3". */
    public String condition() {
        if (!operator.isNumeric()) {
            return operator.symbol();
        }
        return operator.symbol() + " " + Format.number(threshold) + (relativeToUln() ? " × ULN" : "");
    }
}
