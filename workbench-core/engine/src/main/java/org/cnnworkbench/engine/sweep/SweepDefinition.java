package org.cnnworkbench.engine.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.spec.ExperimentDocument;
import org.cnnworkbench.engine.spec.ExperimentSpec;
import org.cnnworkbench.engine.spec.ExperimentValidator;
import org.cnnworkbench.engine.store.Configuration;
import org.cnnworkbench.engine.store.NewSweep;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.sweep.Distribution;
import org.cnnworkbench.sweep.FinishedTrial;
import org.cnnworkbench.sweep.Sampler;
import org.cnnworkbench.sweep.Samplers;
import org.cnnworkbench.sweep.SearchSpace;
import org.cnnworkbench.sweep.SweepSpec;

/**
 * A validated sweep: the base experiment, its {@code sweep:} section, and everything a worker
 * needs to turn a sampled configuration into a trial's experiment. Stored with the sweep as JSON
 * ({@link #toJson()}), so workers on other machines run exactly what was validated.
 *
 * <p>Validation checks the section itself and then every value the search space can produce at
 * its edges (each choice, the low and high of each range) against the plugins' declared
 * parameters, so an unknown path or a value a plugin refuses is reported before anything runs.
 */
public final class SweepDefinition {
    private final Path file;
    private final ObjectNode tree;
    private final Map<String, String> overrides;
    private final SweepSpec sweep;
    private final ExperimentSpec base;
    /** Finished trials of earlier sweeps the strategy learns from ({@code warm_start}). */
    private final List<WarmStart.Trial> warm;

    private SweepDefinition(Path file, ObjectNode tree, Map<String, String> overrides, SweepSpec sweep, ExperimentSpec base,
                            List<WarmStart.Trial> warm) {
        this.file = file;
        this.tree = tree;
        this.overrides = overrides;
        this.sweep = sweep;
        this.base = base;
        this.warm = List.copyOf(warm);
    }

    /** This definition with earlier sweeps' trials as the strategy's history (stored with the sweep). */
    public SweepDefinition withWarmStart(List<WarmStart.Trial> trials) {
        return new SweepDefinition(file, tree, overrides, sweep, base, trials);
    }

    /** This definition with another budget ({@code ./workbench extend}). */
    public SweepDefinition withBudget(Integer trials, Integer maxMinutes) {
        return new SweepDefinition(file, tree, overrides, sweep.withBudget(trials, maxMinutes), base, warm);
    }

    /** The earlier trials this sweep's strategy learns from. */
    public List<WarmStart.Trial> warmStart() {
        return warm;
    }

    /**
     * Validates the experiment of {@code document} and its {@code sweep:} section, reporting every
     * problem at once (file, line, value, what is allowed).
     *
     * @throws WorkbenchException for a user's mistake; exit code 2 at the command line
     */
    public static SweepDefinition validate(ExperimentDocument document, ExperimentValidator validator) {
        ExperimentSpec base = validator.validate(document);
        JsonNode section = document.tree().get("sweep");
        if (section == null || section.isNull()) {
            throw new WorkbenchException(ErrorCode.INVALID_FILE, document.where("") + ": the experiment has no 'sweep:' "
                    + "section; add one (see experiments/sweep-*.yaml) or train it once with 'workbench run "
                    + document.file() + "'.");
        }
        Set<String> problems = new LinkedHashSet<>();
        SweepSpec sweep = SweepSpec.parse(section, "/sweep", (pointer, message) -> problems.add(document.where(pointer)
                + ": " + message));
        List<SearchSpace.Parameter> parameters = parameters(sweep, section);
        for (SearchSpace.Parameter parameter : parameters) {
            probe(document, validator, parameter, parameters, problems);
        }
        if (!problems.isEmpty()) {
            throw new WorkbenchException(ErrorCode.INVALID_FILE, problems.size() == 1 ? problems.iterator().next()
                    : problems.size() + " problems in the sweep of " + document.file() + ":\n  - "
                    + String.join("\n  - ", problems));
        }
        ObjectNode tree = document.tree().deepCopy();
        tree.remove("sweep");
        return new SweepDefinition(document.file(), tree, document.overrides(), sweep, base, List.of());
    }

    /**
     * The parameters to probe: all of them when the section parsed; else each one that parses on
     * its own, so that a wrong path is reported together with the section's other problems.
     */
    private static List<SearchSpace.Parameter> parameters(SweepSpec sweep, JsonNode section) {
        if (sweep != null) {
            return List.copyOf(sweep.space().parameters().values());
        }
        List<SearchSpace.Parameter> parsed = new ArrayList<>();
        JsonNode parameters = section.path("parameters");
        parameters.fields().forEachRemaining(field -> {
            ObjectNode alone = Json.MAPPER.createObjectNode();
            alone.put("strategy", "random");
            alone.put("trials", 1);
            ObjectNode space = alone.putObject("parameters");
            JsonNode distribution = field.getValue().deepCopy();
            if (distribution instanceof ObjectNode o) {
                o.remove("when");
            }
            space.set(field.getKey(), distribution);
            SweepSpec one = SweepSpec.parse(alone, "/sweep", (pointer, message) -> { });
            if (one != null) {
                parsed.addAll(one.space().parameters().values());
            }
        });
        return parsed;
    }

    /**
     * Substitutes each edge value of one parameter into the experiment and validates it; a
     * conditional parameter is checked with the parameters it depends on set as its condition asks.
     */
    private static void probe(ExperimentDocument document, ExperimentValidator validator, SearchSpace.Parameter parameter,
                              List<SearchSpace.Parameter> all, Set<String> problems) {
        String where = document.where("/sweep/parameters/" + parameter.path().replace("~", "~0").replace("/", "~1"));
        ExperimentDocument base = document;
        for (var condition : parameter.when().entrySet()) {
            if (condition.getValue().isEmpty()) {
                continue;
            }
            try {
                base = base.with(condition.getKey(), Json.MAPPER.valueToTree(condition.getValue().get(0)),
                        where + ": sweep parameter " + condition.getKey() + " = " + Json.write(condition.getValue().get(0)));
            } catch (WorkbenchException e) {
                return; // the condition's own path is reported when that parameter is probed
            }
        }
        for (Object value : parameter.distribution().probeValues()) {
            String origin = where + ": sweep parameter " + parameter.path() + " = " + Json.write(value);
            try {
                validator.validate(base.with(parameter.path(), Json.MAPPER.valueToTree(value), origin));
            } catch (WorkbenchException e) {
                for (String line : e.getMessage().split("\n")) {
                    String text = line.strip();
                    if (text.startsWith("- ")) {
                        text = text.substring(2);
                    }
                    if (!text.isEmpty() && !text.matches("\\d+ problems in .*:")) {
                        problems.add(text.startsWith(origin) ? text : origin + ": " + text);
                    }
                }
            }
        }
    }

    /** Reads a definition stored with a sweep; the experiment is validated again by {@link #trialSpec}. */
    public static SweepDefinition fromJson(String json, ExperimentValidator validator) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored sweep definition is not valid JSON: " + e.getOriginalMessage(), e);
        }
        Path file = root.hasNonNull("file") ? Path.of(root.get("file").asText()) : Path.of("sweep.yaml");
        ObjectNode tree = (ObjectNode) root.get("experiment");
        Map<String, String> overrides = new LinkedHashMap<>();
        root.path("overrides").fields().forEachRemaining(f -> overrides.put(f.getKey(), f.getValue().asText()));
        List<String> problems = new ArrayList<>();
        SweepSpec sweep = SweepSpec.parse(root.get("sweep"), "/sweep", (pointer, message) -> problems.add(pointer + ": " + message));
        if (sweep == null) {
            throw new IllegalStateException("the stored sweep section no longer parses: " + problems);
        }
        ObjectNode document = tree.deepCopy();
        ExperimentSpec base = validator.validate(ExperimentDocument.of(file, document, overrides));
        List<WarmStart.Trial> warm = new ArrayList<>();
        for (JsonNode t : root.path("warm_start_history")) {
            Map<String, Object> params = Json.MAPPER.convertValue(t.get("params"),
                    new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() { });
            warm.add(new WarmStart.Trial(t.path("sweep").asText(), t.path("trial").asText(), params, t.path("pruned").asBoolean(),
                    t.path("objective").asDouble()));
        }
        return new SweepDefinition(file, tree, overrides, sweep, base, warm);
    }

    /** The JSON stored with the sweep. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toAbsolutePath().normalize().toString());
        m.put("experiment", tree);
        m.put("overrides", overrides);
        m.put("sweep", sweep.toJson());
        if (!warm.isEmpty()) {
            m.put("warm_start_history", warm.stream().map(t -> Map.of("sweep", t.sweep(), "trial", t.trial(), "params", t.params(),
                    "pruned", t.pruned(), "objective", t.objective())).toList());
        }
        return Json.write(m);
    }

    public SweepSpec sweep() {
        return sweep;
    }

    /** The base experiment (without any sampled value). */
    public ExperimentSpec base() {
        return base;
    }

    /** The row to create for this sweep. */
    public NewSweep newSweep(int parallelism) {
        return new NewSweep(base.name(), toJson(), sweep.strategy().label(),
                sweep.pruners().isEmpty() ? null : Json.write(sweep.pruners().stream().map(p -> p.toJson()).toList()),
                sweep.objective().metric(), sweep.objective().direction().label(),
                sweep.objective().over().name().toLowerCase(java.util.Locale.ROOT), sweep.seed(), sweep.trials(),
                sweep.maxMinutes(), parallelism);
    }

    /** The plan of a stored definition (its JSON), validated against {@code validator}'s plugins. */
    public static java.util.function.Function<String, SweepPlan> planReader(ExperimentValidator validator) {
        return json -> fromJson(json, validator).plan();
    }

    /** What workers need to add configurations. */
    public SweepPlan plan() {
        return new SweepPlan(sweep.configurationBudget(), sweep.repeats(), base.training().seed(), sweep.maxMinutes(),
                sweep.maxAttempts());
    }

    /** A source of configurations drawing on this sweep's strategy; deterministic from the sweep's seed. */
    public Configuration.Source configurations() {
        return configurations(number -> List.of());
    }

    /**
     * As {@link #configurations()}, handing the strategy each finished configuration's value of every
     * objective ({@code valuesOf}: configuration number to values in the file's order; empty when
     * unknown). Multi-objective strategies learn from these.
     */
    public Configuration.Source configurations(java.util.function.IntFunction<List<Double>> valuesOf) {
        Sampler sampler = Samplers.create(sweep);
        return (number, finished) -> {
            if (sampler.size().isPresent() && number >= sampler.size().getAsInt()) {
                return Optional.empty();
            }
            List<FinishedTrial> history = new ArrayList<>(warm.size() + finished.size());
            for (int i = 0; i < warm.size(); i++) {
                WarmStart.Trial t = warm.get(i);   // numbered before the sweep's own: older than any of them
                history.add(new FinishedTrial(i - warm.size(), t.params(), t.pruned(), t.objective()));
            }
            for (Configuration.Finished f : finished) {
                history.add(new FinishedTrial(f.number(), decode(f.params()), f.pruned(), f.objective(),
                        sweep.multiObjective() ? valuesOf.apply(f.number()) : List.of()));
            }
            Map<String, Object> values = sampler.sample(number, history);
            Map<String, String> params = new LinkedHashMap<>();
            Map<String, String> distributions = new LinkedHashMap<>();
            values.forEach((path, value) -> {
                params.put(path, Json.write(value));
                Distribution d = sweep.space().parameters().get(path).distribution();
                distributions.put(path, Json.write(d.toJson()));
            });
            return Optional.of(new Configuration(number, params, distributions));
        };
    }

    /** Stored parameter values (JSON text) as the strategy's values. */
    static Map<String, Object> decode(Map<String, String> params) {
        Map<String, Object> values = new LinkedHashMap<>();
        params.forEach((path, json) -> {
            try {
                values.put(path, Json.MAPPER.readValue(json, Object.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored parameter " + path + " is not JSON: " + json, e);
            }
        });
        return values;
    }

    /**
     * The experiment of one trial: the base with the configuration's values and the trial's seed (and,
     * under {@code strategy: hyperband}, {@code training.epochs} set to its {@code max_epochs}).
     *
     * @throws WorkbenchException when a sampled combination is refused (e.g. by a plugin's check across parameters)
     */
    public ExperimentSpec trialSpec(Map<String, String> params, long seed, ExperimentValidator validator) {
        ExperimentDocument document = ExperimentDocument.of(file, tree, overrides);
        for (Map.Entry<String, String> p : params.entrySet()) {
            JsonNode value;
            try {
                value = Json.MAPPER.readTree(p.getValue());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored parameter " + p.getKey() + " is not JSON: " + p.getValue(), e);
            }
            document = document.with(p.getKey(), value, "sweep parameter " + p.getKey() + " = " + p.getValue());
        }
        document = document.with("training.seed", Json.MAPPER.valueToTree(seed), "the trial's seed " + seed);
        if (sweep.hyperband() != null) {
            int epochs = sweep.hyperband().maxEpochs();
            document = document.with("training.epochs", Json.MAPPER.valueToTree(epochs), "hyperband's max_epochs " + epochs);
        }
        return validator.validate(document);
    }
}
