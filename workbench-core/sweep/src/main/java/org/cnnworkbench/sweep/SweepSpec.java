package org.cnnworkbench.sweep;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A parsed {@code sweep:} section: strategy, budget (trials and/or minutes), parallelism, seed,
 * repeats per configuration, attempts per trial, objective, pruners and search space.
 *
 * @param trials      the number of configurations to sample; null when only max_minutes bounds the
 *                    sweep (or, for grid, to run the whole grid)
 * @param gridPoints  values per continuous parameter under grid search; null when not given
 * @param tpeOptions  {@code strategy_options:} for TPE; {@link TpeOptions#DEFAULTS} when not given
 * @param hyperband   {@code strategy_options:} of {@code strategy: hyperband}; null for the other strategies
 * @param objectives  every objective, in the file's order ({@code objectives:}); one element, equal to
 *                    {@code objective}, when the sweep has a single objective. {@code objective} is always
 *                    the first: the one pruners and the sweep's best value use.
 * @param warmStart   {@code warm_start:} ids of earlier sweeps whose finished trials seed the strategy
 * @param enqueue     {@code enqueue:} configurations tried first (parameter path to value; may leave parameters out)
 */
public record SweepSpec(Strategy strategy, Integer trials, Integer maxMinutes, Integer parallelism, long seed, int repeats,
                        int maxAttempts, Integer gridPoints, Objective objective, List<PrunerSpec> pruners, SearchSpace space,
                        TpeOptions tpeOptions, HyperbandOptions hyperband, List<Objective> objectives, List<String> warmStart,
                        List<Map<String, Object>> enqueue) {

    public SweepSpec {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(space, "space");
        pruners = List.copyOf(pruners == null ? List.of() : pruners);
        tpeOptions = tpeOptions == null ? TpeOptions.DEFAULTS : tpeOptions;
        objectives = objectives == null || objectives.isEmpty() ? List.of(objective) : List.copyOf(objectives);
        warmStart = List.copyOf(warmStart == null ? List.of() : warmStart);
        enqueue = (enqueue == null ? List.<Map<String, Object>>of() : enqueue).stream()
                .map(c -> java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(c))).toList();
        if (!objectives.get(0).equals(objective)) {
            throw new IllegalArgumentException("objective must be the first of objectives, found " + objective + " and " + objectives);
        }
        if ((strategy == Strategy.HYPERBAND) != (hyperband != null)) {
            throw new IllegalArgumentException("hyperband options go with strategy hyperband only, found " + strategy + " and " + hyperband);
        }
        if (repeats < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("repeats and max_attempts must be >= 1, found " + repeats + " and " + maxAttempts);
        }
    }

    /** A spec with one objective and no hyperband options. */
    public SweepSpec(Strategy strategy, Integer trials, Integer maxMinutes, Integer parallelism, long seed, int repeats,
                     int maxAttempts, Integer gridPoints, Objective objective, List<PrunerSpec> pruners, SearchSpace space,
                     TpeOptions tpeOptions) {
        this(strategy, trials, maxMinutes, parallelism, seed, repeats, maxAttempts, gridPoints, objective, pruners, space,
                tpeOptions, null, null, null, null);
    }

    /** As this spec with more configurations and/or another time budget: {@code ./workbench extend}. */
    public SweepSpec withBudget(Integer trials, Integer maxMinutes) {
        return new SweepSpec(strategy, trials, maxMinutes, parallelism, seed, repeats, maxAttempts, gridPoints, objective, pruners,
                space, tpeOptions, hyperband, objectives, warmStart, enqueue);
    }

    /** True when the sweep has several objectives (a Pareto front rather than one best trial). */
    public boolean multiObjective() {
        return objectives.size() > 1;
    }

    /** A spec with TPE's default options. */
    public SweepSpec(Strategy strategy, Integer trials, Integer maxMinutes, Integer parallelism, long seed, int repeats,
                     int maxAttempts, Integer gridPoints, Objective objective, List<PrunerSpec> pruners, SearchSpace space) {
        this(strategy, trials, maxMinutes, parallelism, seed, repeats, maxAttempts, gridPoints, objective, pruners, space,
                TpeOptions.DEFAULTS);
    }

    /**
     * Parses the sweep section ({@code node} = the value of {@code sweep:}, {@code pointer} its JSON
     * pointer, e.g. "/sweep"). Every problem goes to {@code problems}, each naming the value found and
     * what is allowed; returns null when there was at least one.
     */
    public static SweepSpec parse(JsonNode node, String pointer, ProblemSink problems) {
        return new SweepParser(pointer, problems).parse(node);
    }

    /** The JSON to store; {@link #parse} reads it back to an equal spec. */
    public JsonNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("strategy", strategy.label());
        if (trials != null) {
            node.put("trials", trials);
        }
        if (maxMinutes != null) {
            node.put("max_minutes", maxMinutes);
        }
        if (parallelism != null) {
            node.put("parallelism", parallelism);
        }
        node.put("seed", seed);
        node.put("repeats", repeats);
        node.put("max_attempts", maxAttempts);
        if (gridPoints != null) {
            node.put("grid_points", gridPoints);
        }
        if (objectives.size() == 1) {
            node.set("objective", objective.toJson());
        } else {
            ArrayNode list = node.putArray("objectives");
            objectives.forEach(o -> list.add(o.toJson()));
        }
        if (pruners.size() == 1) {
            node.set("pruner", pruners.get(0).toJson());
        } else if (pruners.size() > 1) {
            ArrayNode list = node.putArray("pruner");
            pruners.forEach(p -> list.add(p.toJson()));
        }
        if (hyperband != null) {
            node.set("strategy_options", hyperband.toJson());
        } else if (!tpeOptions.isDefault()) {
            node.set("strategy_options", tpeOptions.toJson());
        }
        if (!warmStart.isEmpty()) {
            ArrayNode list = node.putArray("warm_start");
            warmStart.forEach(list::add);
        }
        if (!enqueue.isEmpty()) {
            ArrayNode list = node.putArray("enqueue");
            for (Map<String, Object> c : enqueue) {
                ObjectNode one = list.addObject();
                c.forEach((k, v) -> one.set(k, Values.toNode(v)));
            }
        }
        node.set("parameters", space.toJson());
        return node;
    }

    /**
     * How many configurations the sweep runs at most: min(trials, grid size) for grid; otherwise
     * trials, or {@link Integer#MAX_VALUE} when only max_minutes bounds it.
     */
    public int configurationBudget() {
        if (strategy == Strategy.GRID) {
            int size = Grid.enumerate(space, gridPoints, Grid.MAX_SIZE).size() + enqueue.size();
            return trials == null ? size : Math.min(trials, size);
        }
        return trials == null ? Integer.MAX_VALUE : trials;
    }
}
