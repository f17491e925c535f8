package org.cnnworkbench.app.text;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with left-aligned text and right-aligned numbers, for terminal listings. */
public final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    public Table add(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "-" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    @Override
    public String toString() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths, false);
        for (List<String> row : rows) {
            line(out, row, widths, true);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths, boolean alignNumbers) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = cells.get(i);
            boolean number = alignNumbers && cell.matches("-?[0-9][0-9,.]*%?|-");
            String padding = " ".repeat(widths[i] - cell.length());
            line.append(number ? padding + cell : cell + padding);
            if (i < widths.length - 1) {
                line.append("  ");
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** A metric value with 4 decimals, or "-" when absent or not a number. */
    public static String metric(Double value) {
        return value == null || value.isNaN() ? "-" : String.format("%.4f", value);
    }
}
