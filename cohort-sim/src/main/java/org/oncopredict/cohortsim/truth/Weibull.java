package org.oncopredict.cohortsim.truth;

/**
 * Weibull distribution with shape k and scale λ (months): {@code S(t) = exp(-(t/λ)^k)},
 * hazard {@code h(t) = (k/λ)(t/λ)^(k-1)}, median {@code λ (ln 2)^(1/k)}.
 *
 * <p>k &gt; 1 gives a rising hazard (typical for chemotherapy and targeted therapy, where resistance
 * accumulates), k &lt; 1 a falling one (immunotherapy: a long tail of durable control), k = 1 the
 * exponential. Covariate effects enter as proportional hazards: multiplying the hazard by
 * {@code exp(η)} keeps the shape and divides the scale (and the median) by {@code exp(η / k)}.
 *
 * @param shape k &gt; 0
 * @param scale λ &gt; 0, in months
 */
public record Weibull(double shape, double scale) implements SurvivalDistribution {

    private static final double LN2 = StrictMath.log(2);

    public Weibull {
        if (!(shape > 0) || !(scale > 0) || Double.isInfinite(shape) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("shape and scale must be positive and finite: " + shape + ", " + scale);
        }
    }

    /** The Weibull with the given median and shape. */
    public static Weibull withMedian(double medianMonths, double shape) {
        return new Weibull(shape, medianMonths / StrictMath.pow(LN2, 1 / shape));
    }

    /** This distribution with its hazard multiplied by {@code exp(logHazardRatio)}. */
    public Weibull withLogHazardRatio(double logHazardRatio) {
        return new Weibull(shape, scale * StrictMath.exp(-logHazardRatio / shape));
    }

    @Override
    public double survival(double months) {
        return months <= 0 ? 1 : StrictMath.exp(-cumulativeHazard(months));
    }

    @Override
    public double density(double months) {
        return months < 0 ? 0 : hazard(months) * survival(months);
    }

    @Override
    public double hazard(double months) {
        if (months < 0) {
            return 0;
        }
        return shape / scale * StrictMath.pow(months / scale, shape - 1);
    }

    /** H(t) = (t/λ)^k. */
    public double cumulativeHazard(double months) {
        return months <= 0 ? 0 : StrictMath.pow(months / scale, shape);
    }

    @Override
    public double median() {
        return timeAtSurvival(0.5);
    }

    /**
     * The inverse of S: the t with S(t) = s, {@code λ (-ln s)^(1/k)}. Drawing {@code s} uniformly on
     * (0, 1] and returning this time samples the distribution (inverse-transform sampling).
     */
    public double timeAtSurvival(double s) {
        if (!(s > 0) || s > 1) {
            throw new IllegalArgumentException("survival level must be in (0, 1]: " + s);
        }
        return scale * StrictMath.pow(-StrictMath.log(s), 1 / shape);
    }
}
