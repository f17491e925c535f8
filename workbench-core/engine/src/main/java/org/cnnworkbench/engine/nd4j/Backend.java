package org.cnnworkbench.engine.nd4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Prepares ND4J before its first use and describes what was loaded. {@link #prepare()} must run
 * before any ND4J or DL4J class initialises: the CLI calls it first thing, and so does every
 * engine entry point that trains.
 *
 * <p>Two settings matter on the CPU backend of DL4J 1.0.0-M2.1: JavaCPP must load the oneDNN build
 * of libnd4j (its natives sit under the {@code linux-x86_64-onednn} platform extension), and
 * DL4J's layer helpers must be allowed ({@code org.eclipse.deeplearning4j.helpers.disable}
 * defaults to true in M2.1). Together with {@link org.nd4j.nativeblas.Nd4jCpu} they switch on
 * oneDNN convolution, pooling and batch-norm helpers. Users can still override either property
 * with {@code -D} on the JVM command line.
 *
 * <p>A third property turns off JavaCPP's physical-memory check ({@code
 * org.bytedeco.javacpp.maxPhysicalBytes=0}), which costs a {@code /proc} read per native allocation.
 */
public final class Backend {
    static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";
    static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private static volatile boolean prepared;

    private Backend() {
    }

    /** Sets the system properties ND4J reads at start-up, without loading ND4J; idempotent and cheap. */
    public static synchronized void prepare() {
        if (prepared) {
            return;
        }
        if (System.getProperty(PLATFORM_EXTENSION) == null && onednnNativesPresent()) {
            System.setProperty(PLATFORM_EXTENSION, "-onednn");
        }
        if (System.getProperty(HELPERS_DISABLE) == null) {
            System.setProperty(HELPERS_DISABLE, "false");
        }
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null) {
            // JavaCPP otherwise reads the process's resident size (/proc/self/statm) each time a
            // native pointer is registered, to call the GC past 2 x the heap: 6 % of a small-cnn
            // epoch (bench/README.md). Its other limit, maxBytes (the heap size, counting the bytes
            // JavaCPP allocates), still applies.
            System.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
        prepared = true;
    }

    private static final java.util.concurrent.FutureTask<Void> LOADING = new java.util.concurrent.FutureTask<>(() -> {
        prepare();
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        return null;
    });
    private static final java.util.concurrent.atomic.AtomicBoolean LOAD_STARTED = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Starts loading ND4J (its native libraries, a second or more) on a background thread and returns
     * at once, so that commands which will train overlap it with reading plugins, the experiment file
     * and the database. {@link #load()} waits for it.
     */
    public static void preload() {
        if (LOAD_STARTED.compareAndSet(false, true)) {
            // Logging is set up here first: were ND4J's first log calls to race the main thread's, SLF4J
            // would print a warning that it replays them.
            org.slf4j.LoggerFactory.getILoggerFactory();
            Thread thread = new Thread(LOADING, "nd4j-preload");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Prepares ND4J and loads it, with FLOAT as the default data type (the first call takes a second or
     * two). A failure while loading, in the background or not, is thrown here.
     */
    public static void load() {
        if (LOAD_STARTED.compareAndSet(false, true)) {
            LOADING.run();
        }
        try {
            LOADING.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ND4J was loading", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static boolean onednnNativesPresent() {
        return Backend.class.getClassLoader().getResource(
                "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn/libjnind4jcpu.so") != null;
    }

    /** Whether DL4J's oneDNN layer helpers are active (CPU backend only). */
    public static boolean helpersEnabled() {
        prepare();
        return isCpu() && BaseMKLDNNHelper.mklDnnEnabled();
    }

    /** Whether the CPU backend is in use. */
    public static boolean isCpu() {
        prepare();
        return "CPU".equalsIgnoreCase(environment().getProperty("backend"));
    }

    /** Backend name, native thread count, BLAS and helper state, for logs and provenance. */
    public static Map<String, Object> describe() {
        prepare();
        Properties env = environment();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("backend", env.getProperty("backend", "unknown"));
        info.put("platform_extension", System.getProperty(PLATFORM_EXTENSION, ""));
        info.put("onednn_helpers", helpersEnabled());
        info.put("omp_threads", env.get("omp.threads"));
        info.put("blas_vendor", env.getProperty("blas.vendor", ""));
        info.put("data_type", Nd4j.dataType().name());
        return info;
    }

    /** One line for the start of a run. */
    public static String summaryLine() {
        Map<String, Object> info = describe();
        return "ND4J backend " + info.get("backend")
                + (String.valueOf(info.get("platform_extension")).isEmpty() ? "" : " (" + info.get("platform_extension").toString().substring(1) + ")")
                + ", " + info.get("omp_threads") + " native thread(s), oneDNN layer helpers "
                + (Boolean.TRUE.equals(info.get("onednn_helpers")) ? "on" : "off");
    }

    private static Properties environment() {
        return Nd4j.getExecutioner().getEnvironmentInformation();
    }
}
