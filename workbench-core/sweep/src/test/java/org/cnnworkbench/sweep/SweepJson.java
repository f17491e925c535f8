package org.cnnworkbench.sweep;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Parses sweep sections written as JSON in tests, collecting the problems as "pointer: message". */
final class SweepJson {

    static final ObjectMapper JSON = new ObjectMapper();

    final List<String> problems = new ArrayList<>();
    final List<String> messages = new ArrayList<>();

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    SweepSpec parse(String json) {
        return SweepSpec.parse(tree(json), "/sweep", (pointer, message) -> {
            problems.add(pointer + ": " + message);
            messages.add(message);
        });
    }

    /** A spec that must parse cleanly. */
    static SweepSpec valid(String json) {
        SweepJson s = new SweepJson();
        SweepSpec spec = s.parse(json);
        if (spec == null) {
            throw new AssertionError("unexpected problems: " + s.problems);
        }
        return spec;
    }
}
