package org.cnnworkbench.engine.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of each value in a YAML (or JSON) document, keyed by JSON pointer
 * ({@code /dataset/params/train_images}), so that errors can name the line a user has to fix.
 */
final class SourceLines {
    private final Map<String, Integer> lines;
    private final Map<String, Integer> columns;

    private SourceLines(Map<String, Integer> lines, Map<String, Integer> columns) {
        this.lines = lines;
        this.columns = columns;
    }

    static SourceLines none() {
        return new SourceLines(Map.of(), Map.of());
    }

    /** Reads the whole document once, recording where every field and array element starts. */
    static SourceLines scan(JsonParser parser) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        Map<String, Integer> columns = new HashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            if (token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                continue;
            }
            JsonPointer pointer = parser.getParsingContext().pathAsPointer();
            lines.putIfAbsent(pointer.toString(), parser.currentTokenLocation().getLineNr());
            columns.putIfAbsent(pointer.toString(), parser.currentTokenLocation().getColumnNr());
        }
        return new SourceLines(lines, columns);
    }

    /** Whether the document itself has a value at {@code pointer}. */
    boolean has(String pointer) {
        return lines.containsKey(pointer);
    }

    /** The line of {@code pointer}, or of its nearest enclosing value that has one; 0 if unknown. */
    int lineOf(String pointer) {
        return find(lines, pointer);
    }

    /** The column (from 1) where the value at {@code pointer}, or its nearest enclosing value, starts; 0 if unknown. */
    int columnOf(String pointer) {
        return find(columns, pointer);
    }

    private static int find(Map<String, Integer> lines, String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0 || p.isEmpty()) {
                return 0;
            }
            p = p.substring(0, slash);
        }
    }
}
