package org.cnnworkbench.plugins.datasets;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields at a delimiter (any non-empty text), with RFC 4180 quoting: a
 * field that starts with a double quote runs to the closing quote, may hold the delimiter, and
 * writes a quote as two. Quoted fields cannot span lines.
 */
final class CsvFields {

    private CsvFields() {
    }

    /**
     * The fields of {@code line}, unquoted but otherwise as written (not stripped).
     *
     * @throws IllegalArgumentException saying what is wrong with the quoting
     */
    static List<String> split(String line, String delimiter) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int length = line.length();
        while (true) {
            int start = i;
            while (i < length && line.charAt(i) == ' ') {
                i++;
            }
            if (i < length && line.charAt(i) == '"') {
                StringBuilder field = new StringBuilder();
                i++;
                while (true) {
                    if (i >= length) {
                        throw new IllegalArgumentException("a quoted field (from column " + (start + 1)
                                + ") has no closing quote; quoted fields cannot span lines");
                    }
                    char c = line.charAt(i);
                    if (c == '"' && i + 1 < length && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                    } else if (c == '"') {
                        i++;
                        break;
                    } else {
                        field.append(c);
                        i++;
                    }
                }
                while (i < length && line.charAt(i) == ' ') {
                    i++;
                }
                fields.add(field.toString());
                if (i >= length) {
                    return fields;
                }
                if (!line.startsWith(delimiter, i)) {
                    throw new IllegalArgumentException("text follows the closing quote of a field at column " + (i + 1)
                            + "; write a quote inside a quoted field as two quotes (\"\")");
                }
                i += delimiter.length();
            } else {
                int next = line.indexOf(delimiter, start);
                if (next < 0) {
                    fields.add(line.substring(start));
                    return fields;
                }
                fields.add(line.substring(start, next));
                i = next + delimiter.length();
            }
        }
    }
}
