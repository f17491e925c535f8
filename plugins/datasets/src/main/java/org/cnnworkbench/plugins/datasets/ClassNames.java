package org.cnnworkbench.plugins.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.PluginInputException;

/** Class names of datasets whose labels are numbers: the user's {@code class_names}, a names file, or "0".."N-1". */
final class ClassNames {
    /** The parameter every dataset with numeric labels offers. */
    static final String PARAM = "class_names";

    private ClassNames() {
    }

    /**
     * The names for the labels of {@code parts}: {@code given} split at commas (it must name every
     * label that occurs), or, when {@code given} is null, "0" up to the largest label.
     */
    static List<String> of(String given, List<IdxPart> parts) {
        IdxPart highest = parts.get(0);
        int maxLabel = highest.maxLabel();
        for (IdxPart part : parts) {
            int partMax = part.maxLabel();
            if (partMax > maxLabel) {
                highest = part;
                maxLabel = partMax;
            }
        }
        int needed = maxLabel + 1;
        String labelFile = highest.labels().param() + " (" + highest.labels().path() + ")";
        if (given == null) {
            if (needed < 2) {
                throw new PluginInputException(labelFile + " has only label " + (needed - 1)
                        + " in every split read; a classification dataset needs at least 2 classes");
            }
            return numbers(needed);
        }
        List<String> names = parse(given);
        if (names.size() < needed) {
            throw new PluginInputException(PARAM + ": " + names.size() + " names given, but "
                    + labelFile + " has label " + (needed - 1) + "; labels count from 0, so give at least "
                    + needed + " names");
        }
        return atLeastTwo(names, given);
    }

    /** The {@code class_names} the validated {@code params} give, or null when they give none. */
    static String given(Params params) {
        return params.has(PARAM) ? params.getString(PARAM) : null;
    }

    /**
     * Exactly {@code count} names for a dataset with a fixed number of classes: {@code given}, else
     * the non-blank lines of {@code namesFile} if it exists, else {@code fallback}.
     *
     * @param dataset what the classes are of, for messages (e.g. "CIFAR-10 (fine labels)")
     */
    static List<String> fixed(String given, Path namesFile, List<String> fallback, int count, String dataset)
            throws IOException {
        if (given != null) {
            List<String> names = parse(given);
            if (names.size() != count) {
                throw new PluginInputException(PARAM + ": " + names.size() + " names given, but " + dataset + " has "
                        + count + " classes (labels 0 to " + (count - 1) + "); give " + count + " names in label order");
            }
            return names;
        }
        if (namesFile != null && Files.isRegularFile(namesFile)) {
            List<String> lines = Files.readAllLines(namesFile, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
            if (lines.size() != count) {
                throw new PluginInputException(namesFile + " lists " + lines.size() + " class names, but " + dataset
                        + " has " + count + "; restore the file from the dataset's archive, or give " + PARAM);
            }
            return lines;
        }
        return fallback;
    }

    /** "0", "1", ... up to {@code count - 1}. */
    static List<String> numbers(int count) {
        return IntStream.range(0, count).mapToObj(String::valueOf).toList();
    }

    /** {@code given} split at commas, each name stripped; empty or repeated names are refused. */
    static List<String> parse(String given) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : given.split(",", -1)) {
            String name = raw.strip();
            if (name.isEmpty()) {
                throw new PluginInputException(PARAM + ": '" + given
                        + "' has an empty name; separate non-empty names with commas");
            }
            if (!seen.add(name)) {
                throw new PluginInputException(PARAM + ": '" + name
                        + "' appears twice in '" + given + "'; class names must be unique");
            }
            names.add(name);
        }
        return names;
    }

    private static List<String> atLeastTwo(List<String> names, String given) {
        if (names.size() < 2) {
            throw new PluginInputException(PARAM + ": '" + given
                    + "' gives 1 name; a classification dataset needs at least 2 classes");
        }
        return names;
    }
}
