package org.cnnworkbench.engine.spec;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean ...?" for misspelt ids and parameter names. */
public final class Suggestions {
    private Suggestions() {
    }

    /** The closest candidate within a small edit distance, if any. */
    public static Optional<String> closest(String given, Collection<String> candidates) {
        return candidates.stream()
                .filter(c -> distance(given.toLowerCase(), c.toLowerCase()) <= Math.max(2, given.length() / 3))
                .min(Comparator.comparingInt(c -> distance(given.toLowerCase(), c.toLowerCase())));
    }

    /** " Did you mean 'x'?" or "". */
    public static String didYouMean(String given, Collection<String> candidates) {
        return closest(given, candidates).map(c -> " Did you mean '" + c + "'?").orElse("");
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
