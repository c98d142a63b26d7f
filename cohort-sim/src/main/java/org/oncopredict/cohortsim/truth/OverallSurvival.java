package org.oncopredict.cohortsim.truth;

/**
 * Overall survival from a line's start as progression-free survival followed by post-progression
 * survival: {@code OS = PFS} when the PFS event is death (probability q), otherwise
 * {@code OS = PFS + PPS} with PPS independent of PFS. Hence death never precedes progression.
 *
 * <p>With F, f the PFS distribution and density and G the PPS survival:
 * <pre>
 *   S_OS(t) = S_PFS(t) + (1 - q) ∫_0^t f(s) G(t - s) ds
 *   f_OS(t) = q f(t)   + (1 - q) ∫_0^t f(s) g(t - s) ds
 * </pre>
 * The integrals are evaluated after the substitution u = F(s), i.e. {@code ∫_0^{F(t)} G(t - F⁻¹(u)) du},
 * whose integrand is bounded and smooth even when the PFS density is infinite at 0 (Weibull k &lt; 1);
 * composite Simpson with {@value #INTERVALS} intervals (absolute error below 1e-5).
 *
 * @param progressionFree     the PFS distribution (event: progression or death)
 * @param deathFirstProbability q, the probability that the PFS event is death
 * @param postProgression     PPS distribution; shape ≥ 1 so that its density is finite at 0
 */
public record OverallSurvival(Weibull progressionFree, double deathFirstProbability, Weibull postProgression)
        implements SurvivalDistribution {

    private static final int INTERVALS = 200;

    public OverallSurvival {
        if (!(deathFirstProbability >= 0 && deathFirstProbability <= 1)) {
            throw new IllegalArgumentException("deathFirstProbability must be in [0, 1]: " + deathFirstProbability);
        }
        if (postProgression.shape() < 1) {
            throw new IllegalArgumentException("post-progression shape must be >= 1: " + postProgression.shape());
        }
    }

    @Override
    public double survival(double months) {
        if (months <= 0) {
            return 1;
        }
        return progressionFree.survival(months)
                + (1 - deathFirstProbability) * convolve(months, false);
    }

    @Override
    public double density(double months) {
        if (months < 0) {
            return 0;
        }
        return deathFirstProbability * progressionFree.density(months)
                + (1 - deathFirstProbability) * convolve(months, true);
    }

    /** The median by bisection on the monotone S (to 1e-6 months). */
    @Override
    public double median() {
        double high = progressionFree.median();
        while (survival(high) > 0.5) {
            high *= 2;
        }
        double low = 0;
        while (high - low > 1e-6) {
            double mid = (low + high) / 2;
            if (survival(mid) > 0.5) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    /** ∫_0^{F(t)} K(t - F⁻¹(u)) du with K = G (survival) or g (density) of the post-progression time. */
    private double convolve(double t, boolean density) {
        double upper = 1 - progressionFree.survival(t);
        if (upper <= 0) {
            return 0;
        }
        double step = upper / INTERVALS;
        double sum = 0;
        for (int i = 0; i <= INTERVALS; i++) {
            double u = i * step;
            // F⁻¹(u) = S⁻¹(1 - u); clamp so rounding never lets the residual time go negative.
            double progression = i == INTERVALS ? t : Math.min(t, progressionFree.timeAtSurvival(1 - u));
            double residual = t - progression;
            double k = density ? postProgression.density(residual) : postProgression.survival(residual);
            double weight = (i == 0 || i == INTERVALS) ? 1 : (i % 2 == 1 ? 4 : 2);
            sum += weight * k;
        }
        return sum * step / 3;
    }
}
