package org.cnnworkbench.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** What one {@code workbench} command did: its exit code and everything it printed. */
record CliResult(String command, int exitCode, String out, String err) {
    /** Fails on anything after the first JSON value, so "exactly one document" is what is checked. */
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    List<String> outLines() {
        return out.lines().toList();
    }

    /** All of standard output parsed as one JSON document; fails the test if anything else is there. */
    JsonNode json() {
        try {
            return STRICT.readTree(out);
        } catch (JsonProcessingException e) {
            throw new AssertionError("stdout of `" + command + "` is not exactly one JSON document: " + e.getOriginalMessage()
                    + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err, e);
        }
    }

    /** For assertion messages: the command and what it printed. */
    String describe() {
        return "`" + command + "` exited " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
}
