package org.cnnworkbench.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One pruner as configured: its type ({@code median}, {@code asha} or {@code overfitting}) and the
 * options given (Integer or Double values; missing ones take the defaults declared in {@link PrunerType}).
 */
public record PrunerSpec(String type, Map<String, Object> options) {

    public PrunerSpec {
        Objects.requireNonNull(type, "type");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options == null ? Map.of() : options));
    }

    /** {@code {"type": "median", "warmup_epochs": 1}}: the form users write. */
    public JsonNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", type);
        options.forEach((k, v) -> node.set(k, Values.toNode(v)));
        return node;
    }
}
