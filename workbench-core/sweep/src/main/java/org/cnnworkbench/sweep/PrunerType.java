package org.cnnworkbench.sweep;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The pruners a sweep may use, each with its declared options. */
enum PrunerType {
    MEDIAN(List.of(
            Setting.integer("warmup_epochs", 0, 0, "epochs during which no trial is pruned"),
            Setting.integer("min_trials", 3, 1, "other trials that must have reached the epoch before comparing"))),
    ASHA(List.of(
            Setting.integer("min_epochs", 1, 1, "epoch of the first rung"),
            Setting.integer("reduction_factor", 3, 2, "rungs at min_epochs * reduction_factor^k; the top 1/reduction_factor go on"))),
    OVERFITTING(List.of(
            Setting.integer("patience", 3, 1, "consecutive epochs of growing gap and no improvement before pruning"),
            Setting.integer("warmup_epochs", 2, 0, "epochs during which the trial is not pruned"),
            Setting.number("min_delta", 0.0, 0.0, false, Double.MAX_VALUE, "how much the gap must grow per epoch to count")));

    final List<Setting> options;

    PrunerType(List<Setting> options) {
        this.options = options;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static List<String> labels() {
        return java.util.Arrays.stream(values()).map(PrunerType::label).toList();
    }

    static PrunerType of(String label) {
        for (PrunerType t : values()) {
            if (t.label().equals(label)) {
                return t;
            }
        }
        return null;
    }

    /** An option as configured, or its declared default. */
    double option(Map<String, Object> given, String name) {
        Object value = given.get(name);
        if (value == null) {
            value = options.stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(label() + " pruner has no option " + name)).defaultValue();
        }
        return ((Number) value).doubleValue();
    }
}
