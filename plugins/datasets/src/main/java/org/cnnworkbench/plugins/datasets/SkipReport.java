package org.cnnworkbench.plugins.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The image files a load could not use: how many, of how many, and the first few with their
 * reasons. Either a one-line warning (files skipped) or the message of a strict load's failure.
 */
final class SkipReport {
    /** How many skipped files a message names. */
    static final int SHOWN = 3;

    private final List<String> shown = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();
    private int skipped;
    private int considered;

    /** Counts {@code files} image files looked at. */
    void considered(int files) {
        considered += files;
    }

    /** Records one unusable file, as users should see its path. */
    void skip(String path, String reason) {
        skipped++;
        if (shown.size() < SHOWN) {
            shown.add(path);
            reasons.add(reason);
        }
    }

    int skipped() {
        return skipped;
    }

    /** E.g. "image-folder: skipped 3 unreadable files of 1,204 (first: cat/a.jpg, cat/b.png, dog/c.gif)". */
    String warning() {
        return "image-folder: skipped " + Counts.of(skipped, "unreadable file", "unreadable files") + " of "
                + Counts.of(considered) + " (" + (skipped > SHOWN ? "first: " : "") + String.join(", ", shown) + ")";
    }

    /** For {@code strict: true}: which files could not be read and why, and the two ways out. */
    String failure(String strictParam) {
        String listed = java.util.stream.IntStream.range(0, shown.size())
                .mapToObj(i -> shown.get(i) + " " + reasons.get(i)).collect(Collectors.joining("; "));
        return Counts.of(skipped) + " of " + Counts.of(considered, "image file", "image files") + " could not be read"
                + (skipped > SHOWN ? " (first " + SHOWN + ")" : "") + ": " + listed + ". Fix or remove "
                + (skipped == 1 ? "it" : "them") + ", or set " + strictParam + ": false to skip unreadable files";
    }
}
