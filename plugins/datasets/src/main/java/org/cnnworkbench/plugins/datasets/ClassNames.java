package org.cnnworkbench.plugins.datasets;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.cnnworkbench.api.PluginInputException;

/** The class names of an IDX dataset: the user's {@code class_names}, or "0".."N-1". */
final class ClassNames {

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
            return IntStream.range(0, needed).mapToObj(String::valueOf).toList();
        }
        List<String> names = parse(given);
        if (names.size() < needed) {
            throw new PluginInputException(IdxDatasetProvider.CLASS_NAMES + ": " + names.size() + " names given, but "
                    + labelFile + " has label " + (needed - 1) + "; labels count from 0, so give at least "
                    + needed + " names");
        }
        if (names.size() < 2) {
            throw new PluginInputException(IdxDatasetProvider.CLASS_NAMES + ": '" + given
                    + "' gives 1 name; a classification dataset needs at least 2 classes");
        }
        return names;
    }

    private static List<String> parse(String given) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : given.split(",", -1)) {
            String name = raw.strip();
            if (name.isEmpty()) {
                throw new PluginInputException(IdxDatasetProvider.CLASS_NAMES + ": '" + given
                        + "' has an empty name; separate non-empty names with commas");
            }
            if (!seen.add(name)) {
                throw new PluginInputException(IdxDatasetProvider.CLASS_NAMES + ": '" + name
                        + "' appears twice in '" + given + "'; class names must be unique");
            }
            names.add(name);
        }
        return names;
    }
}
