package org.cnnworkbench.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of one trial's recorded epochs, as pruners see it. {@code epochs.get(0)} holds every
 * metric of epoch 1 (keys such as {@code loss}, {@code accuracy}, {@code val_loss},
 * {@code val_accuracy}); {@code finished} is true once the trial has stopped for any reason.
 */
public record TrialCurve(int number, boolean finished, List<Map<String, Double>> epochs) {

    public TrialCurve {
        List<Map<String, Double>> copy = new ArrayList<>(epochs.size());
        for (Map<String, Double> epoch : epochs) {
            copy.add(epoch == null ? Map.of() : Collections.unmodifiableMap(new java.util.HashMap<>(epoch)));
        }
        epochs = Collections.unmodifiableList(copy);
    }
}
