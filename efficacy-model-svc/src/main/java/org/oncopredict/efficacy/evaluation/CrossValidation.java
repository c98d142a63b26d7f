package org.oncopredict.efficacy.evaluation;

import org.oncopredict.efficacy.training.SurvivalData;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * k-fold cross-validation of survival models (Hastie, Tibshirani &amp; Friedman 2009, §7.10).
 *
 * <p>Folds are stratified by event status — events and censored subjects are shuffled separately and
 * dealt round-robin — so every fold has about the same share of events, which keeps per-fold C-indices
 * comparable. The split depends only on the seed; folds are fitted in parallel.
 */
public final class CrossValidation {

    private CrossValidation() {
    }

    /**
     * The fold of every subject (0 … folds − 1), stratified by event status.
     *
     * @throws IllegalArgumentException when there are fewer subjects than folds or folds &lt; 2
     */
    public static int[] stratifiedFolds(boolean[] events, int folds, long seed) {
        if (folds < 2 || folds > events.length) {
            throw new IllegalArgumentException("need 2 <= folds <= subjects, got " + folds + " folds for "
                    + events.length + " subjects");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] assignment = new int[events.length];
        int dealt = 0;
        for (boolean stratum : new boolean[] {true, false}) {
            int[] members = IntStream.range(0, events.length).filter(i -> events[i] == stratum).toArray();
            shuffle(members, random);
            for (int member : members) {
                assignment[member] = dealt++ % folds;
            }
        }
        return assignment;
    }

    /**
     * Cross-validated Harrell's C: for each fold, fit on the other folds and score the held-out subjects.
     *
     * @param fit fits a model on training data and returns its risk score (higher = earlier failure), e.g.
     *            {@code d -> trainer.train(d)::linearPredictor}
     */
    public static CrossValidatedConcordance concordance(SurvivalData data, int folds, long seed,
                                                        Function<SurvivalData, ToDoubleFunction<double[]>> fit) {
        int[] assignment = stratifiedFolds(data.events(), folds, seed);
        List<Concordance> results = IntStream.range(0, folds).parallel().mapToObj(fold -> {
            int[] training = IntStream.range(0, data.size()).filter(i -> assignment[i] != fold).toArray();
            int[] heldOut = IntStream.range(0, data.size()).filter(i -> assignment[i] == fold).toArray();
            ToDoubleFunction<double[]> risk = fit.apply(data.subset(training, "fold " + (fold + 1) + " training"));
            return ConcordanceIndex.harrell(data.subset(heldOut, "fold " + (fold + 1) + " held out"), risk);
        }).toList();
        return new CrossValidatedConcordance(results);
    }

    private static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
