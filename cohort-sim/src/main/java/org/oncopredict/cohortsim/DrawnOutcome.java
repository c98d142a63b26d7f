package org.oncopredict.cohortsim;

import org.oncopredict.cohortsim.truth.TrueOutcome;

/**
 * The latent outcome of one line, drawn from its {@link TrueOutcome} before any censoring: what would
 * be seen with complete follow-up. Times are exact, in months from the line's start.
 *
 * <p>Response and PFS are dependent, as in real tumours (responders progress later), through a
 * Fréchet mixture copula: with U₁ uniform, the patient responds iff U₁ &lt; P(response); the PFS
 * quantile U₂ equals U₁ with probability {@value #RESPONSE_PFS_COUPLING} and is an independent
 * uniform otherwise, and PFS = S⁻¹(U₂). U₂ is again uniform, so each margin is exactly the true
 * distribution. Toxicity and post-progression survival are independent draws.
 *
 * @param responder               best overall response CR or PR
 * @param pfsMonths               time to progression or death
 * @param deathBeforeProgression  the PFS event is death
 * @param postProgressionMonths   survival after progression (unused when death came first)
 * @param severeToxicity          a grade ≥ 3 adverse event occurs during the line
 */
public record DrawnOutcome(
        boolean responder,
        double pfsMonths,
        boolean deathBeforeProgression,
        double postProgressionMonths,
        boolean severeToxicity) {

    /** Probability that the PFS quantile is the response quantile (comonotone component). */
    public static final double RESPONSE_PFS_COUPLING = 0.6;

    /** Overall survival from the line's start, if no later line were given. */
    public double osMonths() {
        return deathBeforeProgression ? pfsMonths : pfsMonths + postProgressionMonths;
    }

    static DrawnOutcome draw(TrueOutcome truth, Rng rng) {
        double u1 = rng.uniformPositive();
        boolean responder = u1 < truth.responseProbability();
        double u2 = rng.chance(RESPONSE_PFS_COUPLING) ? u1 : rng.uniformPositive();
        // S(T) = U₂: a small U₂ (as for responders) means a long PFS.
        double pfs = truth.progressionFreeSurvival().timeAtSurvival(u2);
        boolean deathFirst = rng.chance(truth.overallSurvival().deathFirstProbability());
        double pps = truth.overallSurvival().postProgression().timeAtSurvival(rng.uniformPositive());
        boolean severeToxicity = rng.chance(truth.severeToxicityProbability());
        return new DrawnOutcome(responder, pfs, deathFirst, pps, severeToxicity);
    }
}
