package org.cnnworkbench.engine.nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The compute devices ND4J sees, and the choice of one GPU for a worker. The CPU build has no GPU
 * device; the {@code cuda} build reports its GPUs through the executioner's environment
 * information ({@code cuda.devicesInformation}).
 *
 * <p>Selecting a GPU: the clean way is {@code CUDA_VISIBLE_DEVICES}, set before the JVM starts
 * (the local launcher and Slurm both do it), so the process sees that one GPU as device 0. Inside
 * a process, ND4J 1.0.0-M2.1 maps each thread to a device round-robin, and only
 * {@code AffinityManager.unsafeSetDevice} pins the calling thread (the configuration's
 * {@code useDevices} does not affect placement in that version), so {@link #pin} must run on the
 * training thread before any array is created.
 */
public final class Devices {
    /** A GPU as ND4J sees it. {@code computeCapability} is like {@code 8.6}. */
    public record Gpu(int index, String name, long totalMemory, long freeMemory, String computeCapability) {
    }

    private Devices() {
    }

    /** Whether ND4J runs on the CUDA backend (loads ND4J). */
    public static boolean cuda() {
        Backend.load();
        return !Nd4j.getEnvironment().isCPU();
    }

    /** The GPUs the CUDA backend sees; empty on the CPU backend. */
    public static List<Gpu> gpus() {
        List<Gpu> gpus = new ArrayList<>();
        if (!cuda()) {
            return gpus;
        }
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        if (env.get("cuda.devicesInformation") instanceof List<?> list) {
            int index = 0;
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    gpus.add(new Gpu(index, String.valueOf(m.get("cuda.deviceName")), number(m.get("cuda.totalMemory")),
                            number(m.get("cuda.freeMemory")), number(m.get("cuda.deviceMajor")) + "."
                            + number(m.get("cuda.deviceMinor"))));
                }
                index++;
            }
        }
        return gpus;
    }

    /** The CUDA toolkit version the backend was built with (e.g. 11.6.55), or null on the CPU backend. */
    public static String cudaVersion() {
        if (!cuda()) {
            return null;
        }
        var e = Nd4j.getEnvironment();
        return e.blasMajorVersion() + "." + e.blasMinorVersion() + "." + e.blasPatchVersion();
    }

    /**
     * Pins the calling thread to GPU {@code ordinal} (its index among the GPUs this process sees);
     * does nothing on the CPU backend. Returns whether a GPU was pinned.
     */
    public static boolean pin(int ordinal) {
        if (!cuda()) {
            return false;
        }
        int count = gpus().size();
        if (ordinal < 0 || ordinal >= count) {
            throw new IllegalArgumentException("GPU " + ordinal + " does not exist here: this process sees " + count + " GPU"
                    + (count == 1 ? "" : "s") + (count > 0 ? " (0.." + (count - 1) + ")" : ""));
        }
        Nd4j.getAffinityManager().unsafeSetDevice(ordinal);
        return true;
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
