package org.cnnworkbench.plugins.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cnnworkbench.api.PluginInputException;

/**
 * A CSV file of numeric feature columns and one label column, read whole: the features as floats,
 * row by row ({@code rows × features}), and each row's label as written. Blank lines are skipped;
 * a UTF-8 byte order mark is ignored. Errors name the parameter, the file, the line (counting from
 * 1, blank lines included) and the column.
 *
 * @param featureNames the feature columns' names (from the header, else "column N")
 * @param labelName    the label column's name, as messages show it
 * @param values       {@code rows × features} values, row by row
 * @param labels       each row's label, stripped
 * @param digest       the SHA-256 of the file, in hex
 */
record CsvTable(Path path, List<String> featureNames, String labelName, float[] values, String[] labels, String digest) {
    static final String PATH = "path";
    static final String LABEL_COLUMN = "label_column";

    int rows() {
        return labels.length;
    }

    int features() {
        return featureNames.size();
    }

    /** Reads {@code path}, finding the label column by header name or 0-based index. */
    static CsvTable read(Path path, String delimiter, boolean header, String labelColumn) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new PluginInputException(PATH + ": " + path + " is a folder, not a file; give the CSV file");
        }
        MessageDigest digest = Sha256.create();
        try (InputStream raw = new DigestInputStream(Files.newInputStream(path), digest);
             BufferedReader reader = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8.newDecoder()))) {
            Parser parser = new Parser(path, delimiter, header, labelColumn);
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (!line.isBlank()) {
                    parser.line(line, number);
                }
            }
            return parser.table(Sha256.hex(digest));
        } catch (CharacterCodingException e) {
            throw new PluginInputException(PATH + ": " + path + " is not UTF-8 text (" + e.getMessage() + "); save it as"
                    + " UTF-8 CSV");
        }
    }

    /** Takes the non-blank lines one by one. */
    private static final class Parser {
        private final Path path;
        private final String delimiter;
        private final boolean header;
        private final String labelColumn;
        private List<String> columns;
        private int labelIndex = -1;
        private float[] values = new float[1024];
        private int filled;
        private final List<String> labels = new ArrayList<>();

        Parser(Path path, String delimiter, boolean header, String labelColumn) {
            this.path = path;
            this.delimiter = delimiter;
            this.header = header;
            this.labelColumn = labelColumn;
        }

        void line(String line, int number) {
            List<String> fields;
            try {
                fields = CsvFields.split(line, delimiter);
            } catch (IllegalArgumentException e) {
                throw problem(number, e.getMessage());
            }
            if (columns == null) {
                start(fields, number);
                if (header) {
                    return;
                }
            }
            if (fields.size() != columns.size()) {
                throw problem(number, "has " + Counts.of(fields.size(), "field", "fields") + ", but "
                        + (header ? "the header has " : "the first row has ") + columns.size() + " (delimiter '"
                        + printable(delimiter) + "'); every row needs the same number of fields");
            }
            for (int c = 0; c < fields.size(); c++) {
                if (c != labelIndex) {
                    add(parse(fields.get(c), c, number));
                }
            }
            String label = fields.get(labelIndex).strip();
            if (label.isEmpty()) {
                throw problem(number, "has an empty label (column " + describe(labelIndex) + "); every row needs a label");
            }
            labels.add(label);
        }

        /** The first non-blank line: the header, or the first row (which fixes the column count). */
        private void start(List<String> fields, int number) {
            if (header) {
                columns = fields.stream().map(String::strip).toList();
            } else {
                columns = new ArrayList<>();
                for (int c = 0; c < fields.size(); c++) {
                    columns.add("column " + c);
                }
            }
            if (columns.size() < 2) {
                throw problem(number, "has " + Counts.of(columns.size(), "column", "columns") + " (delimiter '"
                        + printable(delimiter) + "'); a CSV dataset needs at least one feature column and a label"
                        + " column. Is the delimiter right?");
            }
            labelIndex = labelIndex();
        }

        private int labelIndex() {
            String wanted = labelColumn.strip();
            if (header) {
                int byName = columns.indexOf(wanted);
                if (byName >= 0) {
                    return byName;
                }
            }
            if (wanted.matches("-?[0-9]+")) {
                int index = Integer.parseInt(wanted);
                int resolved = index < 0 ? columns.size() + index : index;
                if (resolved < 0 || resolved >= columns.size()) {
                    throw new PluginInputException(LABEL_COLUMN + ": " + index + " is not a column of " + path + ", which has "
                            + columns.size() + " columns (0 to " + (columns.size() - 1) + ", or -1 for the last)");
                }
                return resolved;
            }
            if (header) {
                throw new PluginInputException(LABEL_COLUMN + ": '" + wanted + "' is not a column of " + path
                        + "; its header has " + String.join(", ", shown(columns)) + ". Give one of these names, or a"
                        + " 0-based column index");
            }
            throw new PluginInputException(LABEL_COLUMN + ": '" + wanted + "' is a name, but " + path + " has no header"
                    + " (header: false); give the label column's 0-based index (0 to " + (columns.size() - 1)
                    + ", or -1 for the last)");
        }

        private float parse(String field, int column, int number) {
            String text = field.strip();
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (!Double.isFinite(value) || Math.abs(value) > Float.MAX_VALUE) {
                throw problem(number, "column " + describe(column) + ": '" + text + "' is not a finite number; every"
                        + " column but the label column (" + describe(labelIndex) + ") must hold numbers");
            }
            return (float) value;
        }

        private String describe(int column) {
            return header ? "'" + columns.get(column) + "' (index " + column + ")" : String.valueOf(column);
        }

        private void add(float value) {
            if (filled == values.length) {
                values = Arrays.copyOf(values, Math.toIntExact(Math.min(Integer.MAX_VALUE - 8L, values.length * 2L)));
            }
            values[filled++] = value;
        }

        private PluginInputException problem(int number, String what) {
            return new PluginInputException(PATH + ": " + path + ", line " + number + " " + what);
        }

        CsvTable table(String digest) {
            if (labels.isEmpty()) {
                throw new PluginInputException(PATH + ": " + path + " has no data rows" + (header && columns != null
                        ? " after its header" : "") + "; give a CSV file with a row per sample");
            }
            List<String> features = new ArrayList<>(columns);
            String labelName = header ? "'" + columns.get(labelIndex) + "'" : String.valueOf(labelIndex);
            features.remove(labelIndex);
            return new CsvTable(path, features, labelName, Arrays.copyOf(values, filled), labels.toArray(String[]::new),
                    digest);
        }
    }

    /** At most the first 10 of {@code items}, and "…" if there are more. */
    static List<String> shown(List<String> items) {
        if (items.size() <= 10) {
            return items;
        }
        List<String> first = new ArrayList<>(items.subList(0, 10));
        first.add("… (" + Counts.of(items.size()) + " in all)");
        return first;
    }

    private static String printable(String delimiter) {
        return delimiter.replace("\t", "\\t");
    }
}
