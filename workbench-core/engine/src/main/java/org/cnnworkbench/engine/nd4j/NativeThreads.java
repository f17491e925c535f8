package org.cnnworkbench.engine.nd4j;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The number of native (OpenMP) threads ND4J trains with. With DL4J the Java side of training
 * needs a core of its own, so on a small machine one native thread per free core is fastest
 * (measured on 2 cores: 1 native thread beats 2 at batch 64).
 */
public final class NativeThreads {
    private NativeThreads() {
    }

    /** What {@code threads: 0} means on this machine: OMP_NUM_THREADS if set, else cores − 1 (at least 1). */
    public static int automatic() {
        String env = System.getenv("OMP_NUM_THREADS");
        if (env != null) {
            try {
                return Math.max(1, Integer.parseInt(env.trim()));
            } catch (NumberFormatException e) {
                // fall through to the core count
            }
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /** Sets the native thread count; 0 means {@link #automatic()}. Returns the count set. */
    public static int apply(int requested) {
        Backend.load();
        int threads = requested > 0 ? requested : automatic();
        Nd4j.getEnvironment().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        return threads;
    }

    /** The native thread count in force. */
    public static int current() {
        Backend.prepare();
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }
}
