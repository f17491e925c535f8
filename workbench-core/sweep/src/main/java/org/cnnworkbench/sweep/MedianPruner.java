package org.cnnworkbench.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Stops a trial whose best value so far is worse than the median of the other trials' best values up
 * to the same epoch. Epochs up to {@code warmupEpochs} are never judged, nor is an epoch that fewer than
 * {@code minTrials} other trials have a value at. A trial that has no finite value yet counts as worst.
 */
record MedianPruner(Objective objective, int warmupEpochs, int minTrials) implements Pruner {

    @Override
    public Optional<String> shouldPrune(TrialCurve current, List<TrialCurve> others) {
        int epoch = current.epochs().size();
        if (epoch <= warmupEpochs) {
            return Optional.empty();
        }
        List<Double> bests = new ArrayList<>();
        for (TrialCurve other : others) {
            if (other.number() != current.number() && objective.at(other.epochs(), epoch).isPresent()) {
                bests.add(objective.bestUpTo(other.epochs(), epoch).getAsDouble());
            }
        }
        if (bests.size() < minTrials) {
            return Optional.empty();
        }
        double median = median(bests);
        OptionalDouble mine = objective.bestUpTo(current.epochs(), epoch);
        String metric = objective.metric();
        if (mine.isEmpty()) {
            return Optional.of("median pruner: " + metric + " has no finite value by epoch " + epoch + ", while the median of "
                    + bests.size() + " other trials at that epoch is " + Values.number(median));
        }
        if (objective.better(median, mine.getAsDouble())) {
            return Optional.of("median pruner: " + metric + " " + Values.number(mine.getAsDouble()) + " at epoch " + epoch + " is "
                    + Pruners.worseSide(objective) + " the median " + Values.number(median) + " of " + bests.size()
                    + " other trials at that epoch");
        }
        return Optional.empty();
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : 0.5 * (sorted.get(n / 2 - 1) + sorted.get(n / 2));
    }
}
