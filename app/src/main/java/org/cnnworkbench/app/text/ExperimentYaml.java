package org.cnnworkbench.app.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** Shows recorded configuration as YAML, the way users wrote it. */
public final class ExperimentYaml {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private ExperimentYaml() {
    }

    public static String toYaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node).stripTrailing();
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }

    public static String indent(String text, String prefix) {
        return prefix + text.replace("\n", "\n" + prefix);
    }
}
