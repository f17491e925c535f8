package org.cnnworkbench.engine.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;

/**
 * An experiment file as read: its YAML tree with {@code --set} overrides applied, where each
 * value came from (file line or override), and the folder that relative paths resolve against.
 */
public final class ExperimentDocument {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path file;
    private final ObjectNode tree;
    private final SourceLines lines;
    private final Map<String, String> overrides;

    private ExperimentDocument(Path file, ObjectNode tree, SourceLines lines, Map<String, String> overrides) {
        this.file = file;
        this.tree = tree;
        this.lines = lines;
        this.overrides = overrides;
    }

    /** Reads {@code file} and applies overrides of the form {@code dotted.path=value}. */
    public static ExperimentDocument read(Path file, List<String> overrides) {
        if (!Files.isRegularFile(file)) {
            throw new WorkbenchException(ErrorCode.MISSING_FILE, "Experiment file " + file + " does not exist"
                    + (Files.isDirectory(file) ? " (it is a folder; give a .yaml file in it)" : "") + ".");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new WorkbenchException(ErrorCode.INVALID_FILE, "Cannot read experiment file " + file + ": " + e.getMessage());
        }
        return parse(file, text, overrides);
    }

    /**
     * The experiment {@code text} as if read from {@code file} (which need not exist: it names the
     * text in messages, and its folder is the one relative paths resolve against), e.g. the text of
     * the dashboard's editor.
     *
     * @throws ExperimentProblems when the text is not valid YAML (with the line and column)
     */
    public static ExperimentDocument parse(Path file, String text, List<String> overrides) {
        JsonNode root;
        SourceLines lines;
        try (JsonParser scan = YAML.getFactory().createParser(text)) {
            lines = SourceLines.scan(scan);
            root = YAML.readTree(text);
        } catch (IOException e) {
            boolean located = e instanceof JsonProcessingException p && p.getLocation() != null && p.getLocation().getLineNr() > 0;
            int line = located ? ((JsonProcessingException) e).getLocation().getLineNr() : 0;
            int column = located ? Math.max(0, ((JsonProcessingException) e).getLocation().getColumnNr()) : 0;
            String what = "not valid YAML: " + firstLine(e.getMessage())
                    + ". Check the indentation and that each 'key: value' pair has a space after the colon.";
            throw new ExperimentProblems(ErrorCode.INVALID_FILE, file + (located ? ", line " + line : "") + ": " + what,
                    List.of(new ExperimentProblems.Problem(line, column, what)));
        }
        if (root == null || !root.isObject()) {
            throw new WorkbenchException(ErrorCode.INVALID_FILE, file + ": an experiment file is a YAML mapping with at least "
                    + "'name', 'dataset' and 'architecture'; found " + (root == null || root.isMissingNode() ? "an empty file" : "a " + root.getNodeType().name().toLowerCase()) + ".");
        }
        ExperimentDocument document = new ExperimentDocument(file, (ObjectNode) root, lines, new LinkedHashMap<>());
        for (String override : overrides) {
            document.applyOverride(override);
        }
        EnvironmentVariables.expand(document.tree, "", System.getenv(), document::where, variableHints(document.tree));
        return document;
    }

    /**
     * A document from a tree read before (a sweep's stored experiment): no line numbers, so places
     * are named by the file and the overrides.
     */
    public static ExperimentDocument of(Path file, ObjectNode tree, Map<String, String> overrides) {
        return new ExperimentDocument(file, tree.deepCopy(), SourceLines.none(), new LinkedHashMap<>(overrides));
    }

    /**
     * A copy with {@code value} set at the dotted {@code path} (e.g. a sweep's sampled parameter);
     * problems with that value are reported as coming from {@code origin}.
     *
     * @throws org.cnnworkbench.engine.WorkbenchException when the path is not valid in this document
     */
    public ExperimentDocument with(String path, JsonNode value, String origin) {
        ExperimentDocument copy = new ExperimentDocument(file, tree.deepCopy(), lines, new LinkedHashMap<>(overrides));
        String pointer = OverridePath.set(copy.tree, path, value, origin);
        copy.overrides.put(pointer, origin);
        return copy;
    }

    private void applyOverride(String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--set " + override
                    + ": expected PATH=VALUE, e.g. --set training.epochs=1 or --set augmentations[0].params.probability=0.3");
        }
        String path = override.substring(0, eq).trim();
        String valueText = override.substring(eq + 1).trim();
        JsonNode value;
        try {
            value = valueText.isEmpty() ? YAML.getNodeFactory().textNode("") : YAML.readTree(valueText);
        } catch (IOException e) {
            value = YAML.getNodeFactory().textNode(valueText);
        }
        String pointer = OverridePath.set(tree, path, value, "--set " + override);
        overrides.put(pointer, "--set " + override);
    }

    /** The file's {@code variables:} section: what each environment variable it uses should point at. */
    private static Map<String, String> variableHints(ObjectNode tree) {
        Map<String, String> hints = new LinkedHashMap<>();
        JsonNode variables = tree.get("variables");
        if (variables != null && variables.isObject()) {
            variables.fields().forEachRemaining(f -> hints.put(f.getKey(), f.getValue().asText()));
        }
        return hints;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    public Path file() {
        return file;
    }

    /** The folder relative paths in the file resolve against. */
    public Path baseDir() {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    public ObjectNode tree() {
        return tree;
    }

    /** The overrides applied, as JSON pointer → the {@code --set} argument. */
    public Map<String, String> overrides() {
        return Map.copyOf(overrides);
    }

    /**
     * Where the value at {@code pointer} starts in the file: {line, column} (from 1), or {0, 0} when it
     * came from an override or the document has no line numbers.
     */
    public int[] position(String pointer) {
        String where = where(pointer);
        if (!where.startsWith(file + ", line ")) {
            return new int[] {0, 0};
        }
        return new int[] {lines.lineOf(pointer), lines.columnOf(pointer)};
    }

    /** Where the value at {@code pointer} came from: "FILE, line N" or "--set PATH=VALUE". */
    public String where(String pointer) {
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            if (pointer.equals(o.getKey()) || pointer.startsWith(o.getKey() + "/")) {
                return o.getValue();
            }
        }
        if (!lines.has(pointer)) {
            // A mapping the file does not have was created by an override below it.
            for (Map.Entry<String, String> o : overrides.entrySet()) {
                if (!pointer.isEmpty() && o.getKey().startsWith(pointer + "/")) {
                    return o.getValue();
                }
            }
        }
        int line = lines.lineOf(pointer);
        return line > 0 ? file + ", line " + line : file.toString();
    }
}
