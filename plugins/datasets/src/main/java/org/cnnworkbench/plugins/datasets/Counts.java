package org.cnnworkbench.plugins.datasets;

import java.util.Locale;

/** Counts as messages print them: with thousands separators, the same on every locale ("1,204"). */
final class Counts {

    private Counts() {
    }

    static String of(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "1 file", "3 files". */
    static String of(long n, String singular, String plural) {
        return of(n) + " " + (n == 1 ? singular : plural);
    }
}
