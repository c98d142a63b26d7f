package org.oncopredict.cohortsim;

/** Rounding and clamping of generated values (reproducible: {@link StrictMath} only). */
final class Numbers {

    private Numbers() {
    }

    /** Rounds half-even to {@code decimals} decimal places, as values are reported clinically. */
    static double round(double value, int decimals) {
        double scale = StrictMath.pow(10, decimals);
        return StrictMath.rint(value * scale) / scale;
    }

    static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}
