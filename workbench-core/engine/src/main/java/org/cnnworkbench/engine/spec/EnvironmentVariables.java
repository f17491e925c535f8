package org.cnnworkbench.engine.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;

/**
 * {@code ${NAME}} and {@code ${NAME:-default}} in an experiment file's text values, taken from the
 * environment, so that files shared between machines can point at data where each user keeps it
 * (e.g. {@code dir: ${CIFAR10_DIR}}). An unset variable without a default is an error naming it,
 * with what the file's {@code variables:} section says it should point at.
 */
final class EnvironmentVariables {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private EnvironmentVariables() {
    }

    /** Replaces references in every text value below {@code node}, in place. */
    static void expand(JsonNode node, String pointer, Map<String, String> environment, Function<String, String> where,
                       Map<String, String> hints) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = object.get(name);
                if (child.isTextual()) {
                    object.set(name, new TextNode(substitute(child.asText(), pointer + "/" + name, environment, where, hints)));
                } else {
                    expand(child, pointer + "/" + name, environment, where, hints);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode child = array.get(i);
                if (child.isTextual()) {
                    array.set(i, new TextNode(substitute(child.asText(), pointer + "/" + i, environment, where, hints)));
                } else {
                    expand(child, pointer + "/" + i, environment, where, hints);
                }
            }
        }
    }

    static String substitute(String text, String pointer, Map<String, String> environment, Function<String, String> where,
                             Map<String, String> hints) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = environment.get(m.group(1));
            if (value == null || value.isEmpty()) {
                value = m.group(2);
            }
            if (value == null) {
                String hint = hints.get(m.group(1));
                throw new WorkbenchException(ErrorCode.MISSING_FILE, where.apply(pointer) + ": the environment variable "
                        + m.group(1) + " is not set. "
                        + (hint == null ? "This experiment expects it to point at its data" : "It should point at " + hint)
                        + ". Set it (export " + m.group(1) + "=/path/to/the/data) or write the path into the file.");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
