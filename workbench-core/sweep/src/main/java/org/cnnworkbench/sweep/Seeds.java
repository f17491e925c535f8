package org.cnnworkbench.sweep;

import java.util.SplittableRandom;

/** Random streams derived from the sweep seed, so a configuration's draw does not depend on the others. */
final class Seeds {

    private Seeds() {
    }

    /** The stream of configuration {@code number} under {@code seed}, for the purpose named by {@code salt}. */
    static SplittableRandom forConfiguration(long seed, int number, long salt) {
        long x = seed * 0x9E3779B97F4A7C15L + number;
        x ^= salt * 0xC2B2AE3D27D4EB4FL;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(x ^ (x >>> 31));
    }
}
