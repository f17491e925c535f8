package org.cnnworkbench.web;

import static org.cnnworkbench.web.ApiError.Status.BAD_REQUEST;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The one parser of request parameters (query string or form fields): whole numbers within bounds,
 * numbers, one of a fixed set of words, comma-separated lists and run ids. Anything else is refused
 * with 400 and a reason naming the parameter, what it found and what is allowed.
 */
final class Params {
    private final Function<String, String> source;

    private Params(Function<String, String> source) {
        this.source = source;
    }

    /** The query string's parameters. */
    static Params query(Context ctx) {
        return new Params(ctx::queryParam);
    }

    /** A form's fields (urlencoded or multipart). */
    static Params form(Context ctx) {
        return new Params(ctx::formParam);
    }

    /** The raw value, or {@code null} when absent or blank. */
    String text(String name) {
        String s = source.apply(name);
        return s == null || s.isBlank() ? null : s;
    }

    /** A whole number in min..max; {@code fallback} when absent. */
    int integer(String name, int fallback, int min, int max) {
        String text = text(name);
        return text == null ? fallback : integer(text, name, min, max);
    }

    /** A whole number in min..max, or {@code null} when absent. */
    Integer optionalInteger(String name, int min, int max) {
        String text = text(name);
        return text == null ? null : integer(text, name, min, max);
    }

    /** A whole number without bounds of its own (the store checks it); {@code fallback} when absent. */
    int integer(String name, int fallback) {
        return integer(name, fallback, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    static int integer(String text, String name, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw BAD_REQUEST.error(name + " must be a whole number" + bounds(min, max) + ", found '" + text + "'");
        }
        if (value < min || value > max) {
            throw BAD_REQUEST.error(name + " must be " + min + ".." + max + ", found " + value);
        }
        return value;
    }

    private static String bounds(int min, int max) {
        return min == Integer.MIN_VALUE && max == Integer.MAX_VALUE ? "" : " (" + min + ".." + max + ")";
    }

    /** A number, or {@code null} when absent. */
    Double number(String name) {
        String text = text(name);
        return text == null ? null : number(text, name);
    }

    static Double number(String text, String what) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw BAD_REQUEST.error(what + ": '" + text + "' is not a number");
        }
    }

    /** One of the allowed words; the first is the default. */
    String choice(String name, String... allowed) {
        String text = text(name);
        if (text == null) {
            return allowed[0];
        }
        if (!Arrays.asList(allowed).contains(text)) {
            throw BAD_REQUEST.error(name + " must be " + String.join(" or ", allowed) + ", found '" + text + "'");
        }
        return text;
    }

    /** A comma-separated list, blanks dropped; empty when absent. */
    List<String> list(String name) {
        return split(source.apply(name));
    }

    static List<String> split(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A run id ({@code r12}). */
    static String runId(String id) {
        if (id == null || !id.matches("r\\d+")) {
            throw BAD_REQUEST.error("'" + id + "' is not a run id (r12)");
        }
        return id;
    }
}
