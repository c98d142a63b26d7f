package org.oncopredict.cohortsim;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The random source of one simulated patient. Each patient gets its own stream, seeded from
 * (master seed, patient index) only, so patient i is identical whatever the cohort size or the order
 * and parallelism of generation. Transcendental functions use {@link StrictMath} and Gaussian
 * variates are produced here (not by the JDK) so that the draws are identical on every JDK and CPU.
 */
final class Rng {

    private final SplittableRandom random;

    private Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    static Rng forPatient(long masterSeed, long index) {
        return new Rng(mix64(masterSeed ^ mix64(index + 0x9E3779B97F4A7C15L)));
    }

    /** The SplitMix64 finaliser: a bijective avalanche mix of 64 bits. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform on [0, 1). */
    double uniform() {
        return random.nextDouble();
    }

    /** Uniform on (0, 1]: safe for {@code log} and for inverse-survival sampling. */
    double uniformPositive() {
        return 1 - random.nextDouble();
    }

    double uniform(double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    /** Uniform integer in [low, high]. */
    int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** Standard normal by the Box–Muller transform. */
    double gaussian() {
        return StrictMath.sqrt(-2 * StrictMath.log(uniformPositive())) * StrictMath.cos(2 * StrictMath.PI * uniform());
    }

    double normal(double mean, double sd) {
        return mean + sd * gaussian();
    }

    /** Log-normal with the given median and log-scale standard deviation. */
    double logNormal(double median, double sigma) {
        return median * StrictMath.exp(sigma * gaussian());
    }

    /** Exponential with the given mean. */
    double exponential(double mean) {
        return -mean * StrictMath.log(uniformPositive());
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** Index drawn with probability proportional to {@code weights[i]} (weights ≥ 0, not all 0). */
    int weighted(double... weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = uniform() * total;
        int last = -1;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                last = i;
                x -= weights[i];
                if (x < 0) {
                    return i;
                }
            }
        }
        return last; // only reached through rounding: the last index with positive weight

    }
}
