package org.cnnworkbench.sweep;

import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Reports keys a mapping must not have, with the nearest allowed one as a suggestion. */
final class Keys {

    private Keys() {
    }

    static void checkKnown(JsonNode mapping, String where, List<String> allowed, String pointer, ProblemSink problems) {
        for (Iterator<String> it = mapping.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                problems.add(ProblemSink.child(pointer, key), unknown("key", key, where, allowed));
            }
        }
    }

    /** "unknown key 'trails' in sweep. Did you mean 'trials'? Allowed: strategy, trials, ..." */
    static String unknown(String what, String found, String where, List<String> allowed) {
        String suggestion = nearest(found, allowed);
        return "unknown " + what + " '" + found + "'" + (where == null ? "" : " in " + where) + "."
                + (suggestion == null ? "" : " Did you mean '" + suggestion + "'?")
                + " Allowed: " + String.join(", ", allowed);
    }

    /** The allowed word closest to {@code found} by edit distance, if it is close enough to be a typo. */
    static String nearest(String found, List<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = distance(found.toLowerCase(java.util.Locale.ROOT), candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, found.length() / 3) ? best : null;
    }

    /** Levenshtein distance with adjacent transpositions counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
