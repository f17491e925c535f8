package org.cnnworkbench.sweep;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Asynchronous successive halving. Rungs lie at epochs {@code minEpochs * reductionFactor^k}. When a
 * trial completes a rung epoch, its best value up to the rung is ranked among every trial that has
 * reached the rung (itself included); it goes on only if it is in the top ceil(n / reductionFactor).
 * While fewer than {@code reductionFactor} trials have reached the rung there is nothing to compare
 * against, and the trial goes on: early trials are never stopped for lack of company.
 */
final class AshaPruner implements Pruner {

    private final Objective objective;
    private final int minEpochs;
    private final int reductionFactor;
    private final String label;

    AshaPruner(Objective objective, int minEpochs, int reductionFactor) {
        this(objective, minEpochs, reductionFactor, "asha pruner");
    }

    /** {@code label} starts each reason, e.g. "asha pruner". */
    AshaPruner(Objective objective, int minEpochs, int reductionFactor, String label) {
        this.objective = objective;
        this.minEpochs = minEpochs;
        this.reductionFactor = reductionFactor;
        this.label = label;
    }

    /** True if {@code epoch} is one of the rungs. */
    boolean isRung(int epoch) {
        long rung = minEpochs;
        while (rung < epoch) {
            rung *= reductionFactor;
        }
        return rung == epoch;
    }

    @Override
    public Optional<String> shouldPrune(TrialCurve current, List<TrialCurve> others) {
        int rung = current.epochs().size();
        if (!isRung(rung)) {
            return Optional.empty();
        }
        OptionalDouble mine = objective.bestUpTo(current.epochs(), rung);
        int reached = 1;
        int better = 0;
        for (TrialCurve other : others) {
            if (other.number() == current.number() || other.epochs().size() < rung) {
                continue;
            }
            OptionalDouble theirs = objective.bestUpTo(other.epochs(), rung);
            reached++;
            if (theirs.isPresent() && (mine.isEmpty() || objective.better(theirs.getAsDouble(), mine.getAsDouble()))) {
                better++;
            }
        }
        if (reached < reductionFactor) {
            return Optional.empty();
        }
        int keep = Math.max(1, (reached + reductionFactor - 1) / reductionFactor);
        if (better < keep) {
            return Optional.empty();
        }
        String value = mine.isPresent() ? Values.number(mine.getAsDouble()) : "no finite value";
        return Optional.of(label + ": " + objective.metric() + " " + value + " at rung epoch " + rung + " ranks "
                + (better + 1) + " of " + reached + " trials that reached it; only the top " + keep + " go on");
    }
}
