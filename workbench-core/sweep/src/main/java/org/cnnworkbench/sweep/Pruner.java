package org.cnnworkbench.sweep;

import java.util.List;
import java.util.Optional;

/**
 * Decides whether a running trial should stop early. The worker calls {@link #shouldPrune} after it
 * has recorded each epoch of {@code current}, on its own thread, with immutable snapshots of the
 * sweep's other trials (running and finished); implementations keep no state between calls and never
 * touch the store. Example:
 * <pre>{@code
 * Pruner pruner = Pruners.create(spec.pruners(), spec.objective());
 * pruner.shouldPrune(curve, others).ifPresent(reason -> control.stop(reason));
 * }</pre>
 */
public interface Pruner {

    /** A reason naming the values compared, when the trial should stop; empty to let it go on. */
    Optional<String> shouldPrune(TrialCurve current, List<TrialCurve> others);
}
