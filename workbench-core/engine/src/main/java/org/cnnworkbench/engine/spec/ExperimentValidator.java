package org.cnnworkbench.engine.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.cnnworkbench.api.ArchitectureFactory;
import org.cnnworkbench.api.Augmentation;
import org.cnnworkbench.api.Configurable;
import org.cnnworkbench.api.DatasetProvider;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.TrainingCallback;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.plugin.ExtensionKind;
import org.cnnworkbench.engine.plugin.ExtensionLookup;
import org.cnnworkbench.engine.plugin.Loaded;

/**
 * Checks an experiment document against the loaded plugins and the declared training settings,
 * and reports every mistake at once (file, line, value, what is allowed).
 */
public final class ExperimentValidator {
    private static final Set<String> TOP_LEVEL =
            Set.of("name", "description", "variables", "dataset", "architecture", "augmentations", "training", "callbacks",
                    "sweep", "tags");
    private static final Set<String> SECTION_KEYS = Set.of("type", "params");

    private final ExtensionLookup plugins;

    public ExperimentValidator(ExtensionLookup plugins) {
        this.plugins = plugins;
    }

    /** Reads {@code file} with {@code overrides} applied and validates it. */
    public ExperimentSpec validate(Path file, List<String> overrides) {
        return validate(ExperimentDocument.read(file, overrides));
    }

    public ExperimentSpec validate(ExperimentDocument document) {
        Problems problems = new Problems(document);
        ObjectNode tree = document.tree();
        ObjectNode resolved = tree.deepCopy();
        ParamValidator params = new ParamValidator(problems, document.baseDir());

        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_LEVEL.contains(key)) {
                problems.add(ErrorCode.INVALID_FILE, "/" + key, "unknown section '" + key + "'."
                        + Suggestions.didYouMean(key, TOP_LEVEL) + " Allowed: " + String.join(", ", sorted(TOP_LEVEL)) + ".");
            }
        }
        JsonNode nameNode = tree.get("name");
        String name = "";
        if (nameNode == null || !nameNode.isValueNode() || nameNode.asText().isBlank()) {
            problems.add(ErrorCode.INVALID_FILE, "", "the experiment needs a 'name' (text), e.g. 'name: fashion-lenet5'.");
        } else {
            name = nameNode.asText().trim();
        }

        Configured<DatasetProvider> dataset = single(tree, ExtensionKind.DATASET, DatasetProvider.class, problems, params, resolved);
        Configured<ArchitectureFactory> architecture =
                single(tree, ExtensionKind.ARCHITECTURE, ArchitectureFactory.class, problems, params, resolved);
        List<Configured<Augmentation>> augmentations = list(tree, ExtensionKind.AUGMENTATION, Augmentation.class, problems, params, resolved);
        List<Configured<TrainingCallback>> callbacks = list(tree, ExtensionKind.CALLBACK, TrainingCallback.class, problems, params, resolved);

        Params trainingParams = params.validate(tree.get("training"), "/training", TrainingSettings.DECLARED, "the training section");
        resolved.set("training", ExperimentDocument.YAML.valueToTree(trainingParams.asMap()));
        String replicasProblem = trainingParams.asMap().get("replicas") == null ? null
                : TrainingSettings.replicasProblem(String.valueOf(trainingParams.asMap().get("replicas")));
        if (replicasProblem != null) {
            problems.add(ErrorCode.INVALID_PARAMETER, "/training/replicas", replicasProblem);
        }
        String logEveryProblem = trainingParams.asMap().get("log_every_n_batches") == null ? null
                : TrainingSettings.logEveryProblem(String.valueOf(trainingParams.asMap().get("log_every_n_batches")));
        if (logEveryProblem != null) {
            problems.add(ErrorCode.INVALID_PARAMETER, "/training/log_every_n_batches", logEveryProblem);
        }

        problems.throwIfAny();
        return new ExperimentSpec(name, document.file(), dataset, architecture, augmentations,
                TrainingSettings.from(trainingParams), callbacks, resolved, document.overrides(), tree.has("sweep"));
    }

    private <T extends Configurable> Configured<T> single(ObjectNode tree, ExtensionKind kind, Class<T> type,
                                                           Problems problems, ParamValidator params, ObjectNode resolved) {
        JsonNode section = tree.get(kind.section());
        if (section == null || section.isNull()) {
            problems.add(ErrorCode.INVALID_FILE, "", "the experiment needs a '" + kind.section() + "' section with a 'type'. "
                    + "Available " + kind.label() + " types: " + ids(type) + ".");
            return null;
        }
        Configured<T> configured = configure(section, "/" + kind.section(), kind, type, problems, params);
        if (configured != null) {
            ((ObjectNode) resolved.get(kind.section())).set("params", ExperimentDocument.YAML.valueToTree(paramsForRecord(configured.params())));
        }
        return configured;
    }

    private <T extends Configurable> List<Configured<T>> list(ObjectNode tree, ExtensionKind kind, Class<T> type,
                                                              Problems problems, ParamValidator params, ObjectNode resolved) {
        JsonNode section = tree.get(kind.section());
        List<Configured<T>> result = new ArrayList<>();
        if (section == null || section.isNull()) {
            return result;
        }
        if (!section.isArray()) {
            problems.add(ErrorCode.INVALID_FILE, "/" + kind.section(), "'" + kind.section() + "' must be a list of entries "
                    + "('- type: ...'), found " + ParamValidator.describe(section) + ".");
            return result;
        }
        for (int i = 0; i < section.size(); i++) {
            Configured<T> configured = configure(section.get(i), "/" + kind.section() + "/" + i, kind, type, problems, params);
            if (configured != null) {
                result.add(configured);
                ((ObjectNode) resolved.get(kind.section()).get(i)).set("params",
                        ExperimentDocument.YAML.valueToTree(paramsForRecord(configured.params())));
            }
        }
        return result;
    }

    private <T extends Configurable> Configured<T> configure(JsonNode section, String pointer, ExtensionKind kind, Class<T> type,
                                                             Problems problems, ParamValidator params) {
        if (!section.isObject()) {
            problems.add(ErrorCode.INVALID_FILE, pointer, "a " + kind.label() + " entry is a mapping with 'type' and optional "
                    + "'params', found " + ParamValidator.describe(section) + ".");
            return null;
        }
        for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!SECTION_KEYS.contains(key)) {
                problems.add(ErrorCode.INVALID_FILE, pointer + "/" + key, "unknown key '" + key + "' in the " + kind.label()
                        + " entry." + Suggestions.didYouMean(key, SECTION_KEYS) + " Allowed: type, params (parameters go under 'params:').");
            }
        }
        JsonNode typeNode = section.get("type");
        if (typeNode == null || !typeNode.isTextual() || typeNode.asText().isBlank()) {
            problems.add(ErrorCode.INVALID_FILE, pointer, "the " + kind.label() + " entry needs a 'type'. Available: " + ids(type) + ".");
            return null;
        }
        String id = typeNode.asText();
        Optional<Loaded<T>> found = plugins.find(type, id);
        if (found.isEmpty()) {
            List<String> known = plugins.all(type).stream().map(Loaded::id).toList();
            problems.add(ErrorCode.UNKNOWN_PLUGIN, pointer + "/type", "unknown " + kind.label() + " type '" + id + "'."
                    + Suggestions.didYouMean(id, known) + " Available: " + ids(type)
                    + ". Plugins of your own go in the plugins folder of the workbench home (see 'workbench plugins').");
            return null;
        }
        Loaded<T> loaded = found.get();
        Params values = params.validate(section.get("params"), pointer + "/params", loaded.extension().parameters(),
                kind.label() + " '" + id + "'", true);
        return new Configured<>(loaded.extension(), values, loaded.plugin());
    }

    private static java.util.Map<String, Object> paramsForRecord(Params params) {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        params.asMap().forEach((k, v) -> map.put(k, v instanceof Path ? v.toString() : v));
        return map;
    }

    private <T extends Configurable> String ids(Class<T> type) {
        List<String> ids = plugins.all(type).stream().map(Loaded::id).toList();
        return ids.isEmpty() ? "none loaded" : String.join(", ", ids);
    }

    private static List<String> sorted(Set<String> set) {
        return set.stream().sorted().collect(Collectors.toList());
    }
}
