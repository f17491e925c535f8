package org.cnnworkbench.engine.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.SweepReads;
import org.cnnworkbench.engine.store.TrialRow;
import org.cnnworkbench.sweep.SweepSpec;

/**
 * {@code warm_start: [s3, s7]} (or {@code sweep FILE --warm-start s3}): the finished trials (completed or
 * pruned, with an objective value) of earlier sweeps, handed to the new sweep's strategy as history when
 * their parameters fit its search space; the others are listed with the reason and left out. A sweep that
 * optimised another metric or direction contributes nothing (its values would mislead the strategy).
 */
public final class WarmStart {
    private WarmStart() {
    }

    /** One earlier trial the strategy learns from. */
    public record Trial(String sweep, String trial, Map<String, Object> params, boolean pruned, double objective) {
        public Trial {
            params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    /** A trial left out, and why. */
    public record LeftOut(String sweep, String trial, String reason) {
    }

    public record Result(List<Trial> used, List<LeftOut> leftOut) {
        public Result {
            used = List.copyOf(used);
            leftOut = List.copyOf(leftOut);
        }
    }

    /** Reads the earlier sweeps; an id that names no sweep is the user's mistake (exit 2). */
    public static Result collect(SweepReads sweeps, List<String> sweepIds, SweepSpec spec) {
        List<Trial> used = new ArrayList<>();
        List<LeftOut> leftOut = new ArrayList<>();
        for (String id : sweepIds) {
            SweepDetail detail = sweeps.findSweep(id).orElseThrow(() -> new WorkbenchException(ErrorCode.INVALID_ARGUMENT,
                    "warm start: no sweep with id '" + id + "' (see ./workbench sweeps)"));
            var s = detail.summary();
            if (!s.objectiveMetric().equals(spec.objective().metric()) || !s.direction().equals(spec.objective().direction().label())) {
                leftOut.add(new LeftOut(id, null, id + " " + s.direction() + "d " + s.objectiveMetric() + ", this sweep "
                        + spec.objective().direction().label() + "s " + spec.objective().metric() + "; none of its trials is used"));
                continue;
            }
            for (TrialRow t : detail.trials()) {
                if ((t.status() != RunStatus.COMPLETED && t.status() != RunStatus.PRUNED) || t.objective() == null) {
                    continue;
                }
                Map<String, Object> params = SweepDefinition.decode(t.params());
                var misfit = spec.space().misfit(params, false);
                if (misfit.isPresent()) {
                    leftOut.add(new LeftOut(id, t.id(), misfit.get()));
                } else {
                    used.add(new Trial(id, t.id(), params, t.status() == RunStatus.PRUNED, t.objective()));
                }
            }
        }
        return new Result(used, leftOut);
    }
}
