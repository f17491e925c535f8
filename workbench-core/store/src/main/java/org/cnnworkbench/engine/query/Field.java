package org.cnnworkbench.engine.query;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A field of a run a query may name: one of a fixed list of columns, or a prefix and a key
 * ({@code params.training.optimizer}, {@code metrics.val_loss}, {@code max.val_accuracy}, {@code min.loss},
 * {@code tags.owner}, {@code overfitting.onset_epoch}). Keys are data, never SQL: the {@code db} module binds them.
 *
 * @param kind what the field is
 * @param name the column's name, or the key after the prefix
 */
public record Field(Kind kind, String name) {

    /** What a field is. */
    public enum Kind { COLUMN, PARAM, METRIC, MAX, MIN, TAG, OVERFITTING }

    /** How values of a field compare. */
    public enum Type {
        /** Numbers; a string literal is an error (except dates for {@code created}). */
        NUMBER,
        /** Text; a number literal is compared as the text it was written as. */
        TEXT,
        /** A parameter: numerically when the literal is a number (or a quoted number), else as text. */
        PARAM
    }

    /** The run's own columns and their types. */
    public static final Map<String, Type> COLUMNS = Map.of("id", Type.TEXT, "experiment", Type.TEXT, "sweep", Type.TEXT,
            "status", Type.TEXT, "note", Type.TEXT, "epochs", Type.NUMBER, "created", Type.NUMBER, "duration", Type.NUMBER,
            "test_accuracy", Type.NUMBER, "test_loss", Type.NUMBER);

    /** The overfitting summary's fields, named as {@code /api/runs} names them. */
    public static final List<String> OVERFITTING = List.of("best_epoch", "best_val_loss", "best_val_accuracy",
            "gap_loss_best", "gap_loss_last", "gap_accuracy_best", "gap_accuracy_last", "onset_epoch", "early_stop_epoch",
            "last_epoch", "patience");

    private static final Map<String, Kind> PREFIXES = Map.of("params", Kind.PARAM, "metrics", Kind.METRIC, "max", Kind.MAX,
            "min", Kind.MIN, "tags", Kind.TAG, "overfitting", Kind.OVERFITTING);

    /** A field named as written, e.g. {@code params.training.optimizer}. */
    public static Field of(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (COLUMNS.containsKey(lower)) {
            return new Field(Kind.COLUMN, lower);
        }
        int dot = text.indexOf('.');
        Kind kind = dot < 0 ? null : PREFIXES.get(lower.substring(0, dot));
        if (kind == null) {
            throw new IllegalArgumentException("unknown field '" + text + "'; fields are " + String.join(", ",
                    new java.util.TreeSet<>(COLUMNS.keySet())) + ", and params.<path>, metrics.<key>, max.<key>, min.<key>,"
                    + " tags.<key>, overfitting.<field>");
        }
        String key = text.substring(dot + 1);
        if (key.isEmpty() || key.length() > 500) {
            throw new IllegalArgumentException("'" + text + "' needs a key of 1 to 500 characters after '" + text.substring(0, dot + 1) + "'");
        }
        if (kind == Kind.OVERFITTING && !OVERFITTING.contains(key.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("unknown field '" + text + "'; the overfitting fields are " + String.join(", ", OVERFITTING));
        }
        return new Field(kind, kind == Kind.OVERFITTING ? key.toLowerCase(Locale.ROOT) : key);
    }

    public Type type() {
        return switch (kind) {
            case COLUMN -> COLUMNS.get(name);
            case PARAM -> Type.PARAM;
            case TAG -> Type.TEXT;
            case METRIC, MAX, MIN, OVERFITTING -> Type.NUMBER;
        };
    }

    /** The field as a query writes it. */
    public String text() {
        return switch (kind) {
            case COLUMN -> name;
            case PARAM -> "params." + name;
            case METRIC -> "metrics." + name;
            case MAX -> "max." + name;
            case MIN -> "min." + name;
            case TAG -> "tags." + name;
            case OVERFITTING -> "overfitting." + name;
        };
    }

    @Override
    public String toString() {
        return text();
    }
}
