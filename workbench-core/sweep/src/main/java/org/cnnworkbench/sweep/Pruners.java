package org.cnnworkbench.sweep;

import java.util.List;
import java.util.Optional;

/** The pruner for a sweep's configured pruners: any one of them may stop a trial. */
public final class Pruners {

    private Pruners() {
    }

    /** An empty list never prunes; an unknown type throws {@link IllegalArgumentException} (parsing refuses it first). */
    public static Pruner create(List<PrunerSpec> specs, Objective objective) {
        List<Pruner> pruners = specs.stream().map(s -> single(s, objective)).toList();
        return (current, others) -> {
            for (Pruner p : pruners) {
                Optional<String> reason = p.shouldPrune(current, others);
                if (reason.isPresent()) {
                    return reason;
                }
            }
            return Optional.empty();
        };
    }

    /**
     * The pruner a sweep's trials are judged by: its configured pruners and, for
     * {@code strategy: hyperband}, the bracket's successive halving; null when nothing may stop a trial.
     */
    public static Pruner forSweep(SweepSpec spec) {
        Pruner configured = spec.pruners().isEmpty() ? null : create(spec.pruners(), spec.objective());
        if (spec.hyperband() == null) {
            return configured;
        }
        Pruner hyperband = new HyperbandPruner(spec.objective(), spec.hyperband(), spec.repeats());
        return configured == null ? hyperband : (current, others) -> {
            Optional<String> reason = hyperband.shouldPrune(current, others);
            return reason.isPresent() ? reason : configured.shouldPrune(current, others);
        };
    }

    private static Pruner single(PrunerSpec spec, Objective objective) {
        PrunerType type = PrunerType.of(spec.type());
        if (type == null) {
            throw new IllegalArgumentException(Keys.unknown("pruner type", spec.type(), null, PrunerType.labels()));
        }
        return switch (type) {
            case MEDIAN -> new MedianPruner(objective, (int) type.option(spec.options(), "warmup_epochs"),
                    (int) type.option(spec.options(), "min_trials"));
            case ASHA -> new AshaPruner(objective, (int) type.option(spec.options(), "min_epochs"),
                    (int) type.option(spec.options(), "reduction_factor"));
            case OVERFITTING -> new OverfittingPruner(objective, (int) type.option(spec.options(), "patience"),
                    (int) type.option(spec.options(), "warmup_epochs"), type.option(spec.options(), "min_delta"));
        };
    }

    /** "below" when maximising, "above" when minimising: where a worse value lies. */
    static String worseSide(Objective objective) {
        return objective.direction() == Objective.Direction.MAXIMIZE ? "below" : "above";
    }
}
