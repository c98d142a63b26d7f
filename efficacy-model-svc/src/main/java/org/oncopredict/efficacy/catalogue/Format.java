package org.oncopredict.efficacy.catalogue;

import java.math.BigDecimal;

/** Number formatting for clinician-facing text: no trailing zeros ("38", not "38.0"). */
final class Format {

    private Format() {
    }

    static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Ratio to the upper limit of normal, to one decimal. */
    static String multiple(double ratio) {
        return number(Math.round(ratio * 10) / 10.0);
    }
}
