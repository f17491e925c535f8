package org.cnnworkbench.plugins.datasets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cnnworkbench.api.PluginInputException;

/**
 * The classes of a CSV file's label column. Numeric labels (all of them numbers) are ordered by
 * value, so 0/1 labels are classes 0 and 1 and "1" and "1.0" are one class; other labels are text,
 * ordered by their characters. {@code class_names}, when given, names numeric classes in that
 * order, or orders text labels (then it must list exactly the labels found).
 *
 * @param names the class names, index = class
 * @param rows  each row's class
 */
record CsvClasses(List<String> names, int[] rows) {
    /** More distinct labels than this means the label column is most likely a feature. */
    static final int MAX_CLASSES = 10_000;

    static CsvClasses of(CsvTable table, String given) {
        String[] labels = table.labels();
        String column = "the label column " + table.labelName() + " of " + table.path();
        Map<String, Double> numbers = numeric(labels);
        List<String> found;
        Map<String, Integer> index = new HashMap<>();
        if (numbers != null) {
            TreeMap<Double, String> byValue = new TreeMap<>();
            for (Map.Entry<String, Double> label : numbers.entrySet()) {
                byValue.putIfAbsent(label.getValue(), canonical(label.getValue()));
            }
            found = new ArrayList<>(byValue.values());
            List<Double> values = new ArrayList<>(byValue.keySet());
            for (Map.Entry<String, Double> label : numbers.entrySet()) {
                index.put(label.getKey(), values.indexOf(label.getValue()));
            }
        } else {
            found = new ArrayList<>(new TreeSet<>(List.of(labels)));
            for (int c = 0; c < found.size(); c++) {
                index.put(found.get(c), c);
            }
        }
        if (found.size() > MAX_CLASSES) {
            throw new PluginInputException(CsvTable.LABEL_COLUMN + ": " + column + " has " + Counts.of(found.size())
                    + " distinct values, more than the " + Counts.of(MAX_CLASSES) + " classes allowed; is it a feature"
                    + " column? Give the column that holds class labels");
        }
        if (found.size() < 2) {
            throw new PluginInputException(column + " has only one value (" + found.get(0) + "); a classification"
                    + " dataset needs at least 2 classes. Is " + CsvTable.LABEL_COLUMN + " the right column?");
        }
        List<String> names = found;
        if (given != null) {
            names = ClassNames.parse(given);
            if (numbers != null) {
                if (names.size() != found.size()) {
                    throw new PluginInputException(ClassNames.PARAM + ": " + names.size() + " names given, but " + column
                            + " has " + found.size() + " distinct values (" + String.join(", ", CsvTable.shown(found))
                            + "); give one name per value, in ascending order of the values");
                }
            } else {
                index = reorder(names, found, column);
            }
        }
        int[] rows = new int[labels.length];
        for (int r = 0; r < labels.length; r++) {
            rows[r] = index.get(labels[r]);
        }
        return new CsvClasses(names, rows);
    }

    /** Each label's value, or {@code null} if some label is not a finite number. */
    private static Map<String, Double> numeric(String[] labels) {
        Map<String, Double> values = new HashMap<>();
        for (String label : labels) {
            if (!values.containsKey(label)) {
                double value;
                try {
                    value = Double.parseDouble(label);
                } catch (NumberFormatException e) {
                    return null;
                }
                if (!Double.isFinite(value)) {
                    return null;
                }
                values.put(label, value);
            }
        }
        return values;
    }

    /** "1" for 1.0, "0.5" for 0.5. */
    private static String canonical(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** Class indices in the order of {@code names}, which must list exactly the labels {@code found}. */
    private static Map<String, Integer> reorder(List<String> names, List<String> found, String column) {
        Set<String> missing = new LinkedHashSet<>(found);
        names.forEach(missing::remove);
        Set<String> unknown = new LinkedHashSet<>(names);
        found.forEach(unknown::remove);
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            List<String> problems = new ArrayList<>();
            if (!missing.isEmpty()) {
                problems.add("it lacks " + String.join(", ", CsvTable.shown(List.copyOf(missing))));
            }
            if (!unknown.isEmpty()) {
                problems.add(String.join(", ", CsvTable.shown(List.copyOf(unknown))) + " never occur"
                        + (unknown.size() == 1 ? "s" : ""));
            }
            throw new PluginInputException(ClassNames.PARAM + " must list each label of " + column + " once, in the order"
                    + " wanted: " + String.join("; ", problems) + " (labels found: "
                    + String.join(", ", CsvTable.shown(found)) + ")");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < names.size(); c++) {
            index.put(names.get(c), c);
        }
        return index;
    }
}
