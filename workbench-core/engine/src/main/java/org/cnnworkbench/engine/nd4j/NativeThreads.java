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

    /**
     * What {@code threads: 0} means here: OMP_NUM_THREADS if set, else the cores less one (at least 1),
     * where the cores are those of the Slurm task ({@code SLURM_CPUS_PER_TASK}) inside a Slurm job, else
     * the machine's.
     */
    public static int automatic() {
        Integer omp = positive(System.getenv("OMP_NUM_THREADS"));
        if (omp != null) {
            return omp;
        }
        return Math.max(1, machineCores() - 1);
    }

    /**
     * The cores a trial may use, for {@code training.replicas: auto}: OMP_NUM_THREADS when set (a sweep's local
     * workers get their share this way), else the Slurm task's, else the machine's.
     */
    public static int trialCores() {
        Integer omp = positive(System.getenv("OMP_NUM_THREADS"));
        return omp != null ? omp : machineCores();
    }

    private static int machineCores() {
        Integer slurm = positive(System.getenv("SLURM_CPUS_PER_TASK"));
        return slurm != null ? slurm : Runtime.getRuntime().availableProcessors();
    }

    private static Integer positive(String value) {
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.trim());
            return n > 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Sets the native thread count; 0 means {@link #automatic()}. Returns the count set. */
    public static int apply(int requested) {
        Backend.load();
        int threads = requested > 0 ? requested : automatic();
        Nd4j.getEnvironment().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        return threads;
    }

    /**
     * Sets the OpenMP thread count of the calling thread only (OpenMP keeps it per thread): a replica's
     * training thread, started after {@link #apply(int)}, would otherwise start with the process's default.
     */
    public static void applyToThisThread(int threads) {
        Backend.load();
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(Math.max(1, threads));
    }

    /**
     * Caps libnd4j's own parallel loops (element-wise ops, reductions: its "master threads") and the BLAS
     * library's threads, which default to OMP_NUM_THREADS or the cores and which {@link #apply(int)} leaves
     * alone, at {@code threads}. Replicas need it: each replica's loops and matrix products would otherwise
     * take every core.
     */
    public static void limitLoops(int threads) {
        Backend.load();
        Nd4j.getEnvironment().setMaxMasterThreads(Math.max(1, threads));
        Nd4j.factory().blas().setMaxThreads(Math.max(1, threads));
    }

    /** The native thread count in force. */
    public static int current() {
        Backend.prepare();
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }
}
