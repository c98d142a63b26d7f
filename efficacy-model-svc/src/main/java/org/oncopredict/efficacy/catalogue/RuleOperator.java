package org.oncopredict.efficacy.catalogue;

/**
 * Comparison of a rule field with the rule's threshold. Numeric fields take {@link #LT} to
 * {@link #EQ}; the boolean field takes {@link #IS_TRUE} and no threshold.
 */
public enum RuleOperator {
    LT("<"),
    LTE("≤"),
    GT(">"),
    GTE("≥"),
    EQ("="),
    IS_TRUE("is true");

    private final String symbol;

    RuleOperator(String symbol) {
        this.symbol = symbol;
    }

    /** For messages, e.g. "≥". */
    public String symbol() {
        return symbol;
    }

    public boolean isNumeric() {
        return this != IS_TRUE;
    }

    /** Whether {@code value} satisfies the comparison with {@code threshold} (numeric operators only). */
    public boolean test(double value, double threshold) {
        return switch (this) {
            case LT -> value < threshold;
            case LTE -> value <= threshold;
            case GT -> value > threshold;
            case GTE -> value >= threshold;
            case EQ -> value == threshold;
            case IS_TRUE -> throw new IllegalStateException("IS_TRUE takes no threshold");
        };
    }
}
