package org.cnnworkbench.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a {@code sweep:} section, reporting every problem; one instance per parse. */
final class SweepParser {

    static final List<String> KEYS = List.of("strategy", "trials", "max_minutes", "parallelism", "seed", "repeats",
            "max_attempts", "grid_points", "objective", "objectives", "pruner", "parameters", "strategy_options", "warm_start", "enqueue");

    static final Setting TRIALS = Setting.integer("trials", null, 1, "configurations to sample");
    static final Setting MAX_MINUTES = Setting.integer("max_minutes", null, 1, "no configuration starts after this");
    static final Setting PARALLELISM = Setting.integer("parallelism", null, 1, "trials running at once");
    static final Setting SEED = new Setting("seed", Setting.Kind.LONG, 0L, -Double.MAX_VALUE, false, Double.MAX_VALUE,
            "seed of the strategy");
    static final Setting REPEATS = Setting.integer("repeats", 1, 1, "seeds each configuration runs with");
    static final Setting MAX_ATTEMPTS = Setting.integer("max_attempts", 2, 1, "failures after which a trial is failed");
    static final Setting GRID_POINTS = Setting.integer("grid_points", null, 2, "values per continuous parameter in a grid");

    private static final List<String> OBJECTIVE_KEYS = List.of("metric", "direction", "over");

    private final String pointer;
    private final ProblemSink sink;
    private int problems;

    SweepParser(String pointer, ProblemSink sink) {
        this.pointer = pointer;
        this.sink = sink;
    }

    private void report(String at, String message) {
        problems++;
        sink.add(at, message);
    }

    private final ProblemSink counting = this::report;

    private String at(String key) {
        return ProblemSink.child(pointer, key);
    }

    SweepSpec parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            report(pointer, "sweep must be a mapping with strategy, parameters and a budget (trials or max_minutes), found "
                    + Values.describe(node));
            return null;
        }
        Keys.checkKnown(node, "sweep", KEYS, pointer, counting);
        Strategy strategy = strategy(node.get("strategy"));
        Integer trials = (Integer) TRIALS.read(node.get("trials"), "sweep", at("trials"), counting);
        Integer maxMinutes = (Integer) MAX_MINUTES.read(node.get("max_minutes"), "sweep", at("max_minutes"), counting);
        Integer parallelism = (Integer) PARALLELISM.read(node.get("parallelism"), "sweep", at("parallelism"), counting);
        Long seed = (Long) SEED.read(node.get("seed"), "sweep", at("seed"), counting);
        Integer repeats = (Integer) REPEATS.read(node.get("repeats"), "sweep", at("repeats"), counting);
        Integer maxAttempts = (Integer) MAX_ATTEMPTS.read(node.get("max_attempts"), "sweep", at("max_attempts"), counting);
        Integer gridPoints = (Integer) GRID_POINTS.read(node.get("grid_points"), "sweep", at("grid_points"), counting);
        Objective objective = objective(node.get("objective"), at("objective"));
        List<Objective> objectives = objectives(node.get("objectives"));
        if (node.get("objectives") != null && node.get("objective") != null) {
            report(at("objectives"), "sweep has both objective and objectives; give objectives alone, its first entry is the main one");
        }
        List<PrunerSpec> pruners = pruners(node.get("pruner"));
        TpeOptions tpe = strategy == Strategy.HYPERBAND ? TpeOptions.DEFAULTS : tpeOptions(node.get("strategy_options"), strategy);
        HyperbandOptions hyperband = strategy == Strategy.HYPERBAND ? hyperbandOptions(node.get("strategy_options")) : null;
        if (objectives != null && objectives.size() > 1 && (!pruners.isEmpty() || strategy == Strategy.HYPERBAND)) {
            report(at(strategy == Strategy.HYPERBAND ? "strategy" : "pruner"), "a sweep with several objectives cannot stop trials early"
                    + " (a pruner or strategy hyperband ranks one objective); remove "
                    + (strategy == Strategy.HYPERBAND ? "strategy hyperband" : "the pruner") + " or keep one objective");
        }
        int before = problems;
        SearchSpace space = space(node.get("parameters"));
        boolean spaceOk = problems == before && space != null;
        List<String> warmStart = warmStart(node.get("warm_start"));
        List<Map<String, Object>> enqueue = spaceOk ? enqueue(node.get("enqueue"), space) : List.of();

        if (strategy != null && strategy.needsBudget() && node.get("trials") == null && node.get("max_minutes") == null) {
            report(pointer, "sweep with strategy " + strategy.label()
                    + " needs a budget: trials (how many configurations) and/or max_minutes");
        }
        if (strategy == Strategy.GRID && spaceOk) {
            checkGrid(space, gridPoints, node.get("grid_points") != null);
        }
        if (problems > 0) {
            return null;
        }
        if (objectives != null) {
            objective = objectives.get(0);
        }
        return new SweepSpec(strategy, trials, maxMinutes, parallelism, seed == null ? 0L : seed,
                repeats == null ? 1 : repeats, maxAttempts == null ? 2 : maxAttempts, gridPoints, objective, pruners, space, tpe,
                hyperband, objectives, warmStart, enqueue);
    }

    private Strategy strategy(JsonNode node) {
        List<String> labels = Arrays.stream(Strategy.values()).map(Strategy::label).toList();
        if (node == null || node.isNull()) {
            return Strategy.TPE; // the model-based strategy unless told otherwise, as in Optuna
        }
        for (Strategy s : Strategy.values()) {
            if (node.isTextual() && s.label().equals(node.textValue())) {
                return s;
            }
        }
        report(at("strategy"), Keys.unknown("strategy", node.isTextual() ? node.textValue() : Values.describe(node), null, labels));
        return null;
    }

    /** {@code warm_start: [s3, s7]} (or one id): the sweep ids, in order, without repeats. */
    private List<String> warmStart(JsonNode node) {
        String where = at("warm_start");
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isTextual() || !item.textValue().matches("s[0-9]+")) {
                report(node.isArray() ? where + "/" + i : where, "warm_start in sweep lists ids of earlier sweeps such as s3, found "
                        + Values.describe(item));
            } else if (!out.contains(item.textValue())) {
                out.add(item.textValue());
            }
        }
        return out;
    }

    /** {@code enqueue:} a list of configurations (parameter path to value) that must fit the search space. */
    private List<Map<String, Object>> enqueue(JsonNode node, SearchSpace space) {
        String where = at("enqueue");
        List<Map<String, Object>> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            report(where, "enqueue in sweep must be a list of configurations such as [{training.learning_rate: 0.001}], found "
                    + Values.describe(node));
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (item == null || !item.isObject() || item.isEmpty()) {
                report(where + "/" + i, "an entry of enqueue must be a mapping from parameter to value such as "
                        + "{training.learning_rate: 0.001}, found " + Values.describe(item));
                continue;
            }
            Map<String, Object> config = new LinkedHashMap<>();
            item.fields().forEachRemaining(f -> config.put(f.getKey(), Values.scalar(f.getValue())));
            var misfit = space.misfit(config, true);
            if (misfit.isPresent()) {
                report(where + "/" + i, "enqueued configuration " + (i + 1) + " does not fit the search space: " + misfit.get());
            } else {
                config.replaceAll((path, value) -> space.parameters().get(path).distribution().normalize(value));
                out.add(config);
            }
        }
        return out;
    }

    /** The {@code objectives:} list, null when absent or after a report. */
    private List<Objective> objectives(JsonNode node) {
        String where = at("objectives");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.isEmpty()) {
            report(where, "objectives in sweep must be a list of mappings such as [{metric: val_accuracy, direction: maximize}, "
                    + "{metric: total_params, direction: minimize}], found " + Values.describe(node));
            return null;
        }
        List<Objective> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            if (entry == null || entry.isNull()) {
                report(where + "/" + i, "an entry of objectives must be a metric name or a mapping {metric, direction}, found null");
                continue;
            }
            Objective o = objective(entry, where + "/" + i);
            if (o != null && out.stream().anyMatch(e -> e.metric().equals(o.metric()))) {
                report(where + "/" + i, "objectives lists " + o.metric() + " twice; each metric may be one objective only");
            } else if (o != null) {
                out.add(o);
            }
        }
        return out.size() == node.size() ? out : null;
    }

    private Objective objective(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return new Objective("val_accuracy", Objective.Direction.MAXIMIZE, Objective.Over.BEST);
        }
        if (node.isTextual() && !node.textValue().isBlank()) {
            return new Objective(node.textValue(), Objective.defaultDirection(node.textValue()), Objective.Over.BEST);
        }
        if (!node.isObject()) {
            report(where, "objective in sweep must be a metric name or a mapping {metric, direction, over}, found "
                    + Values.describe(node));
            return null;
        }
        Keys.checkKnown(node, "sweep.objective", OBJECTIVE_KEYS, where, counting);
        String metric = "val_accuracy";
        JsonNode m = node.get("metric");
        if (m != null && !(m.isTextual() && !m.textValue().isBlank())) {
            report(ProblemSink.child(where, "metric"), "metric in sweep.objective must be a metric name such as val_accuracy or val_loss, found "
                    + Values.describe(m));
        } else if (m != null) {
            metric = m.textValue();
        }
        Objective.Direction direction = label(node.get("direction"), Objective.Direction.values(), Objective.defaultDirection(metric),
                "objective direction", ProblemSink.child(where, "direction"));
        Objective.Over over = label(node.get("over"), Objective.Over.values(), Objective.Over.BEST, "objective over",
                ProblemSink.child(where, "over"));
        return direction == null || over == null ? null : new Objective(metric, direction, over);
    }

    /** The constant whose lower-case name is the text of {@code node}, the default when absent, null after a report. */
    private <E extends Enum<E>> E label(JsonNode node, E[] constants, E defaultValue, String what, String where) {
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        List<String> labels = Arrays.stream(constants).map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toList();
        int i = node.isTextual() ? labels.indexOf(node.textValue()) : -1;
        if (i < 0) {
            report(where, Keys.unknown(what, node.isTextual() ? node.textValue() : Values.describe(node), null, labels));
            return null;
        }
        return constants[i];
    }

    private List<PrunerSpec> pruners(JsonNode node) {
        List<PrunerSpec> out = new ArrayList<>();
        String where = at("pruner");
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isObject()) {
            PrunerSpec p = pruner(node, where);
            if (p != null) {
                out.add(p);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                PrunerSpec p = pruner(node.get(i), where + "/" + i);
                if (p != null) {
                    out.add(p);
                }
            }
        } else {
            report(where, "pruner in sweep must be a mapping such as {type: median, warmup_epochs: 1} or a list of them, found "
                    + Values.describe(node));
        }
        return out;
    }

    private PrunerSpec pruner(JsonNode node, String where) {
        if (!node.isObject()) {
            report(where, "a pruner must be a mapping such as {type: median, warmup_epochs: 1}, found " + Values.describe(node));
            return null;
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || typeNode.isNull()) {
            report(where, "pruner needs type: one of " + String.join(", ", PrunerType.labels()));
            return null;
        }
        PrunerType type = typeNode.isTextual() ? PrunerType.of(typeNode.textValue()) : null;
        if (type == null) {
            report(ProblemSink.child(where, "type"), Keys.unknown("pruner type",
                    typeNode.isTextual() ? typeNode.textValue() : Values.describe(typeNode), null, PrunerType.labels()));
            return null;
        }
        List<String> allowed = new ArrayList<>(List.of("type"));
        type.options.forEach(s -> allowed.add(s.name()));
        Keys.checkKnown(node, type.label() + " pruner", allowed, where, counting);
        Map<String, Object> options = new LinkedHashMap<>();
        for (Setting s : type.options) {
            Object v = s.read(node.get(s.name()), type.label() + " pruner", ProblemSink.child(where, s.name()), counting);
            if (v != null) {
                options.put(s.name(), v);
            }
        }
        return new PrunerSpec(type.label(), options);
    }

    private HyperbandOptions hyperbandOptions(JsonNode node) {
        String where = at("strategy_options");
        if (node == null || node.isNull() || !node.isObject()) {
            report(where, "strategy hyperband needs strategy_options with max_epochs (epochs a trial trains at most), e.g. "
                    + "{min_epochs: 1, max_epochs: 27, eta: 3}, found " + Values.describe(node));
            return null;
        }
        Keys.checkKnown(node, "strategy_options of hyperband", HyperbandOptions.SETTINGS.stream().map(Setting::name).toList(),
                where, counting);
        Object[] v = new Object[HyperbandOptions.SETTINGS.size()];
        for (int i = 0; i < v.length; i++) {
            Setting s = HyperbandOptions.SETTINGS.get(i);
            v[i] = s.read(node.get(s.name()), "strategy_options", ProblemSink.child(where, s.name()), counting);
            if (v[i] == null && node.get(s.name()) == null) {
                v[i] = s.defaultValue();
            }
        }
        if (v[1] == null && node.get("max_epochs") == null) {
            report(ProblemSink.child(where, "max_epochs"), "strategy hyperband needs max_epochs in strategy_options: "
                    + "the epochs a trial trains when it is not stopped, e.g. max_epochs: 27");
            return null;
        }
        if (v[0] == null || v[1] == null || v[2] == null) {
            return null;
        }
        if ((Integer) v[1] < (Integer) v[0]) {
            report(ProblemSink.child(where, "max_epochs"), "max_epochs in strategy_options must be >= min_epochs (" + v[0]
                    + "), found " + v[1]);
            return null;
        }
        return new HyperbandOptions((Integer) v[0], (Integer) v[1], (Integer) v[2]);
    }

    private TpeOptions tpeOptions(JsonNode node, Strategy strategy) {
        String where = at("strategy_options");
        if (node == null || node.isNull()) {
            return TpeOptions.DEFAULTS;
        }
        if (!node.isObject()) {
            report(where, "strategy_options in sweep must be a mapping, found " + Values.describe(node));
            return TpeOptions.DEFAULTS;
        }
        if (strategy != null && strategy != Strategy.TPE) {
            report(where, "strategy_options applies to strategies tpe and hyperband only, found it with strategy " + strategy.label());
            return TpeOptions.DEFAULTS;
        }
        Keys.checkKnown(node, "strategy_options", TpeOptions.SETTINGS.stream().map(Setting::name).toList(), where, counting);
        Object[] v = new Object[TpeOptions.SETTINGS.size()];
        for (int i = 0; i < v.length; i++) {
            Setting s = TpeOptions.SETTINGS.get(i);
            v[i] = s.read(node.get(s.name()), "strategy_options", ProblemSink.child(where, s.name()), counting);
        }
        return new TpeOptions((Integer) v[0], (Integer) v[1], (Double) v[2], (Boolean) v[3], (Double) v[4], (Double) v[5]);
    }

    private SearchSpace space(JsonNode node) {
        String where = at("parameters");
        if (node == null || node.isNull()) {
            report(where, "sweep needs parameters: a mapping from a dotted path (e.g. training.learning_rate) to a distribution");
            return null;
        }
        if (!node.isObject() || node.isEmpty()) {
            report(where, "parameters in sweep must be a mapping with at least one parameter, e.g. "
                    + "{training.learning_rate: {log_uniform: [1.0e-4, 1.0e-2]}}, found " + Values.describe(node));
            return null;
        }
        Map<String, SearchSpace.Parameter> parameters = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            SearchSpace.Parameter p = new ParameterParser(e.getKey(), ProblemSink.child(where, e.getKey()), counting).parse(e.getValue());
            if (p != null) {
                parameters.put(e.getKey(), p);
            }
        }
        if (parameters.size() != node.size()) {
            return null;
        }
        SearchSpace space = new SearchSpace(parameters);
        int before = problems;
        for (SearchSpace.Parameter p : parameters.values()) {
            checkConditions(p, space, ProblemSink.child(where, p.path()));
        }
        if (problems == before) {
            try {
                space.samplingOrder();
            } catch (IllegalStateException cycle) {
                report(where, "conditions (when) of the parameters form a cycle: "
                        + String.join(", ", parameters.values().stream().filter(p -> !p.when().isEmpty()).map(SearchSpace.Parameter::path).toList())
                        + "; a parameter cannot depend on itself through others");
            }
        }
        return problems == before ? space : null;
    }

    private void checkConditions(SearchSpace.Parameter p, SearchSpace space, String where) {
        List<String> names = new ArrayList<>(space.parameters().keySet());
        for (Map.Entry<String, List<Object>> condition : p.when().entrySet()) {
            String ref = condition.getKey();
            String refAt = ProblemSink.child(ProblemSink.child(where, "when"), ref);
            SearchSpace.Parameter target = space.parameters().get(ref);
            if (ref.equals(p.path())) {
                report(refAt, p.path() + ": when cannot test the parameter itself");
            } else if (target == null) {
                String near = Keys.nearest(ref, names);
                report(refAt, p.path() + ": when names '" + ref + "', which is not a parameter of this sweep."
                        + (near == null ? "" : " Did you mean '" + near + "'?") + " Parameters: " + String.join(", ", names));
            } else if (target.distribution() instanceof Distribution.Uniform || target.distribution() instanceof Distribution.LogUniform) {
                report(refAt, p.path() + ": when can only test a choice, int or fixed parameter; " + ref + " is "
                        + target.distribution().toJson().fieldNames().next());
            } else {
                for (Object value : condition.getValue()) {
                    if (!SearchSpace.allows(target.distribution(), value)) {
                        report(refAt, p.path() + ": when tests " + ref + " for " + Values.describe(Values.toNode(value))
                                + ", which it never takes; its values: " + Values.describe(target.distribution().toJson()));
                    }
                }
            }
        }
    }

    private void checkGrid(SearchSpace space, Integer gridPoints, boolean gridPointsGiven) {
        if (gridPoints == null && !gridPointsGiven) {
            for (SearchSpace.Parameter p : space.parameters().values()) {
                Distribution d = p.distribution();
                if ((d instanceof Distribution.Uniform || d instanceof Distribution.LogUniform) && !d.isConstant()) {
                    report(ProblemSink.child(at("parameters"), p.path()), p.path() + ": grid search over "
                            + d.toJson().fieldNames().next() + " needs grid_points in sweep (how many values to try), e.g. grid_points: 5");
                }
            }
        }
        if (problems == 0) {
            try {
                Grid.enumerate(space, gridPoints, Grid.MAX_SIZE);
            } catch (IllegalArgumentException tooBig) {
                report(at("parameters"), tooBig.getMessage() + "; use fewer values or grid_points, or strategy random or tpe");
            }
        }
    }
}
