package org.cnnworkbench.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Stops a trial that is overfitting: its generalisation gap (val_loss − loss; accuracy − val_accuracy
 * when the losses are missing) grew by more than {@code minDelta} in each of the last {@code patience}
 * epochs, and the objective metric has not beaten, in those epochs, the best it had before them. Looks
 * only at the current trial; epochs up to {@code warmupEpochs} are never judged.
 */
record OverfittingPruner(Objective objective, int patience, int warmupEpochs, double minDelta) implements Pruner {

    @Override
    public Optional<String> shouldPrune(TrialCurve current, List<TrialCurve> others) {
        List<Map<String, Double>> epochs = current.epochs();
        int epoch = epochs.size();
        if (epoch <= warmupEpochs || epoch <= patience) {
            return Optional.empty();
        }
        String gapName = gapName(epochs.subList(epoch - patience - 1, epoch));
        if (gapName == null) {
            return Optional.empty();
        }
        List<Double> gaps = new ArrayList<>();
        for (int e = epoch - patience; e <= epoch; e++) {
            gaps.add(gap(epochs.get(e - 1), gapName));
        }
        for (int i = 1; i < gaps.size(); i++) {
            if (!(gaps.get(i) > gaps.get(i - 1) + minDelta)) {
                return Optional.empty();
            }
        }
        OptionalDouble before = objective.bestUpTo(epochs, epoch - patience);
        if (before.isEmpty()) {
            return Optional.empty();
        }
        for (int e = epoch - patience + 1; e <= epoch; e++) {
            OptionalDouble v = objective.at(epochs, e);
            if (v.isPresent() && objective.better(v.getAsDouble(), before.getAsDouble())) {
                return Optional.empty();
            }
        }
        List<String> shown = gaps.stream().map(Values::number).toList();
        return Optional.of("overfitting pruner: the gap " + gapName + " grew for " + patience + " epochs ("
                + String.join(" → ", shown) + ", epochs " + (epoch - patience) + " to " + epoch + ") while "
                + objective.metric() + " did not beat its best " + Values.number(before.getAsDouble()) + " of epoch "
                + bestEpoch(epochs, epoch - patience, before.getAsDouble()) + " or earlier");
    }

    /** "val_loss − loss" when both losses are there in every epoch of the window, else the accuracy gap, else null. */
    private static String gapName(List<Map<String, Double>> window) {
        if (window.stream().allMatch(e -> finite(e, "val_loss") && finite(e, "loss"))) {
            return "val_loss − loss";
        }
        if (window.stream().allMatch(e -> finite(e, "accuracy") && finite(e, "val_accuracy"))) {
            return "accuracy − val_accuracy";
        }
        return null;
    }

    private static double gap(Map<String, Double> epoch, String name) {
        return name.startsWith("val_loss") ? epoch.get("val_loss") - epoch.get("loss") : epoch.get("accuracy") - epoch.get("val_accuracy");
    }

    private static boolean finite(Map<String, Double> epoch, String key) {
        Double v = epoch.get(key);
        return v != null && Double.isFinite(v);
    }

    private int bestEpoch(List<Map<String, Double>> epochs, int upTo, double best) {
        for (int e = 1; e <= upTo; e++) {
            OptionalDouble v = objective.at(epochs, e);
            if (v.isPresent() && v.getAsDouble() == best) {
                return e;
            }
        }
        return upTo;
    }
}
