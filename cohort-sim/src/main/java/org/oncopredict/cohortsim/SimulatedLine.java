package org.oncopredict.cohortsim;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import org.oncopredict.cohortsim.truth.Covariates;
import org.oncopredict.cohortsim.truth.GroundTruthModel;
import org.oncopredict.cohortsim.truth.TrueOutcome;

/**
 * One simulated therapy line with everything a model evaluation needs: the covariates the
 * assignment and the truth used, the assignment probabilities (propensities), the true outcome
 * under the assigned regimen, the true outcome under any other regimen (counterfactuals), the latent
 * draw and what the profile records.
 *
 * @param lineNumber               1 or 2, as in the profile
 * @param startDate                the line's start date
 * @param covariates               the snapshot at the start (= {@code Covariates.atLineStart(profile, lineNumber)})
 * @param regimen                  the assigned regimen
 * @param assignmentProbabilities  P(regimen | covariates) for every candidate regimen
 * @param truth                    the true outcome under {@code regimen}
 * @param drawn                    the latent outcome drawn from {@code truth}
 * @param observed                 the censored outcome recorded in the profile
 */
public record SimulatedLine(
        int lineNumber,
        LocalDate startDate,
        Covariates covariates,
        Regimen regimen,
        Map<Regimen, Double> assignmentProbabilities,
        TrueOutcome truth,
        DrawnOutcome drawn,
        ObservedOutcome observed) {

    public SimulatedLine {
        Objects.requireNonNull(covariates, "covariates");
        Objects.requireNonNull(regimen, "regimen");
        // An EnumMap keeps regimen order, so iteration is deterministic.
        assignmentProbabilities = Collections.unmodifiableMap(new EnumMap<>(assignmentProbabilities));
    }

    /** The propensity of the assigned regimen, P(regimen | covariates). */
    public double propensity() {
        return assignmentProbabilities.get(regimen);
    }

    /** The true outcome had this patient received {@code alternative} at this line. */
    public TrueOutcome counterfactual(Regimen alternative) {
        return GroundTruthModel.outcome(covariates, alternative);
    }

    /** The true outcome of every regimen of the patient's cancer type at this line. */
    public Map<Regimen, TrueOutcome> counterfactuals() {
        return GroundTruthModel.outcomes(covariates);
    }
}
