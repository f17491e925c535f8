package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cnnworkbench.engine.query.RunFilter;

/**
 * A run's {@code run_param} rows: its resolved configuration (JSON) flattened to dotted paths, the same
 * paths as the engine's {@code RunExport.flatten} ({@code training.optimizer}, {@code layers[0].units}).
 * db has no JSON library, so this reads JSON itself; text that is not JSON gives no rows.
 */
public final class RunParams {
    static final int MAX_PATH = 512;
    static final int MAX_TEXT = 4096;

    private RunParams() {
    }

    /** Replaces the run's parameter rows with those of {@code configJson} (inside the caller's transaction). */
    public static void write(Connection connection, String runId, String configJson) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM run_param WHERE trial_id = ?")) {
            delete.setString(1, runId);
            delete.executeUpdate();
        }
        Map<String, String> flat = flatten(configJson);
        if (flat.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO run_param (trial_id, path, value_text, value_num) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, String> e : flat.entrySet()) {
                if (e.getKey().isEmpty() || e.getKey().length() > MAX_PATH) {
                    continue;
                }
                String text = e.getValue();
                insert.setString(1, runId);
                insert.setString(2, e.getKey());
                insert.setString(3, text == null ? null : text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
                Jdbc.setDouble(insert, 4, RunFilter.number(text));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Dotted path to the value as text (strings unquoted, null as null, an empty array as {@code []}); empty if not JSON. */
    public static Map<String, String> flatten(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        if (json == null) {
            return out;
        }
        try {
            Reader r = new Reader(json);
            r.value("", out);
            r.space();
            if (r.at != json.length()) {
                return new LinkedHashMap<>();
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return new LinkedHashMap<>();
        }
        return out;
    }

    /** A small JSON reader that flattens as it goes. */
    private static final class Reader {
        private final String s;
        private int at;

        Reader(String s) {
            this.s = s;
        }

        void space() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }

        void value(String path, Map<String, String> out) {
            space();
            char c = s.charAt(at);
            if (c == '{') {
                at++;
                space();
                if (s.charAt(at) == '}') {
                    at++;
                    return;
                }
                while (true) {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    value(path.isEmpty() ? key : path + "." + key, out);
                    space();
                    if (s.charAt(at) == ',') {
                        at++;
                    } else {
                        expect('}');
                        return;
                    }
                }
            } else if (c == '[') {
                at++;
                space();
                if (s.charAt(at) == ']') {
                    at++;
                    put(path, "[]", out);
                    return;
                }
                int i = 0;
                while (true) {
                    value(path + "[" + i++ + "]", out);
                    space();
                    if (s.charAt(at) == ',') {
                        at++;
                    } else {
                        expect(']');
                        return;
                    }
                }
            } else if (c == '"') {
                put(path, string(), out);
            } else {
                int start = at;
                while (at < s.length() && "{}[],: \t\r\n".indexOf(s.charAt(at)) < 0) {
                    at++;
                }
                String word = s.substring(start, at);
                if (word.equals("null")) {
                    put(path, null, out);
                } else if (word.equals("true") || word.equals("false") || RunFilter.number(word) != null) {
                    put(path, word, out);
                } else {
                    throw new IllegalArgumentException("not JSON: " + word);
                }
            }
        }

        private static void put(String path, String value, Map<String, String> out) {
            if (!path.isEmpty()) {
                out.put(path, value);
            }
        }

        private void expect(char c) {
            if (s.charAt(at) != c) {
                throw new IllegalArgumentException("expected " + c);
            }
            at++;
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(at++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(at++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
                            at += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }
    }
}
