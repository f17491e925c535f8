package org.cnnworkbench.engine.run;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.engine.spec.ExperimentSpec;

/**
 * A trial's callbacks in file order, each called with the trial's {@link TrialControl} after the
 * control is told who is speaking (its id, numbered when the file uses an id twice), so that each
 * callback's summary values are kept apart.
 */
final class Callbacks {
    private final List<EpochListener> listeners;
    private final List<String> names;
    private final TrialControl control;

    Callbacks(ExperimentSpec spec, List<EpochListener> listeners, TrialControl control) {
        this.listeners = listeners;
        this.names = names(spec);
        this.control = control;
    }

    void trainStarted() {
        for (int i = 0; i < listeners.size(); i++) {
            control.speaking(names.get(i));
            listeners.get(i).onTrainStart(control);
        }
    }

    void epochEnded(EpochMetrics metrics) {
        for (int i = 0; i < listeners.size(); i++) {
            control.speaking(names.get(i));
            listeners.get(i).onEpochEnd(metrics, control);
        }
    }

    void trainEnded() {
        for (int i = 0; i < listeners.size(); i++) {
            control.speaking(names.get(i));
            listeners.get(i).onTrainEnd(control);
        }
    }

    /** Each callback's key in the run's summary: its id, numbered when the file uses an id twice. */
    private static List<String> names(ExperimentSpec spec) {
        List<String> names = new ArrayList<>();
        for (var callback : spec.callbacks()) {
            String name = callback.id();
            for (int n = 2; names.contains(name); n++) {
                name = callback.id() + "#" + n;
            }
            names.add(name);
        }
        return names;
    }
}
