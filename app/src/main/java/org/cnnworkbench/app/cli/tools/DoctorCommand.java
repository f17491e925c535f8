package org.cnnworkbench.app.cli.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cnnworkbench.engine.nd4j.Backend;
import org.cnnworkbench.engine.nd4j.Devices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.JsonOption;
import org.cnnworkbench.app.device.Gpus;
import org.cnnworkbench.app.device.Machine;
import org.cnnworkbench.app.home.HomeOptions;

/**
 * {@code workbench doctor}: what this installation trains with — the ND4J backend, the GPUs the
 * driver and the backend see, the CUDA and cuDNN libraries found, Slurm — and warnings when they do
 * not fit together (a GPU left unused by the CPU build, a GPU the CUDA 11.6 build has no code for).
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        header = "Show the backend, devices, CUDA/cuDNN, Slurm and database this workbench uses, with warnings.")
public final class DoctorCommand implements Callable<Integer> {
    /**
     * GPU architectures the nd4j-cuda-11.6 1.0.0-M2.1 library carries machine code for (read from its
     * fatbins); it embeds no PTX, so other architectures cannot JIT-compile it.
     */
    static final Set<String> CUDA_BUILD_ARCHITECTURES = Set.of("3.7", "5.0", "5.2", "6.0", "6.1", "7.0", "7.5", "8.0", "8.6");

    @Mixin
    JsonOption json;

    @Mixin
    HomeOptions homeOptions;

    @Override
    public Integer call() {
        Map<String, Object> report = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();

        Runtime rt = Runtime.getRuntime();
        report.put("workbench", Machine.class.getPackage().getImplementationVersion() == null ? "development build"
                : Machine.class.getPackage().getImplementationVersion());
        report.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.home") + ")");
        report.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        report.put("cores", rt.availableProcessors());
        report.put("max_heap_mib", rt.maxMemory() / (1024 * 1024));
        report.put("cpu", Machine.cpuModel());
        report.put("cpu_vector_extensions", String.join(" ", Machine.cpuVectorExtensions()));

        Map<String, Object> backend = new LinkedHashMap<>(Backend.describe());
        Map<String, String> architectures = new LinkedHashMap<>();
        boolean cuda = Devices.cuda();
        backend.put("build", cuda ? "cuda (nd4j-cuda-11.6)" : "cpu (nd4j-native)");
        if (cuda) {
            backend.put("cuda_version", Devices.cudaVersion());
            List<Map<String, Object>> seen = new ArrayList<>();
            for (Devices.Gpu g : Devices.gpus()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("index", g.index());
                m.put("name", g.name());
                m.put("memory_mib", g.totalMemory() / (1024 * 1024));
                m.put("free_mib", g.freeMemory() / (1024 * 1024));
                m.put("compute_capability", g.computeCapability());
                seen.add(m);
                architectures.put(g.index() + " (" + g.name() + ")", g.computeCapability());
            }
            backend.put("devices", seen);
            if (seen.isEmpty()) {
                warnings.add("the CUDA backend is loaded but sees no GPU (driver missing, or CUDA_VISIBLE_DEVICES hides them)");
            }
        }
        report.put("nd4j", backend);

        Gpus.Report driver = Gpus.report();
        Map<String, Object> gpus = new LinkedHashMap<>();
        gpus.put("driver_version", driver.driverVersion());
        gpus.put("driver_cuda_version", driver.cudaVersion());
        List<Map<String, Object>> listed = new ArrayList<>();
        for (Gpus.Gpu g : driver.gpus()) {
            listed.add(new LinkedHashMap<>(Map.of("index", g.index(), "name", g.name(), "memory_mib", g.memoryMiB(),
                    "compute_capability", g.computeCapability())));
        }
        gpus.put("devices", listed);
        gpus.put("note", driver.problem());
        gpus.put("cuda_visible_devices", System.getenv("CUDA_VISIBLE_DEVICES"));
        report.put("gpus_by_driver", gpus);
        if (!driver.gpus().isEmpty()) {
            architectures.clear();
            driver.gpus().forEach(g -> architectures.put(g.index() + " (" + g.name() + ")", g.computeCapability()));
        }
        architectures.forEach((gpu, capability) -> {
            if (!capability.isEmpty() && !CUDA_BUILD_ARCHITECTURES.contains(capability)) {
                warnings.add("GPU " + gpu + " has compute capability " + capability + ", which the CUDA 11.6 build has no code "
                        + "for (it carries " + String.join(", ", new TreeSet<>(CUDA_BUILD_ARCHITECTURES)) + " and no PTX); "
                        + ("8.9".equals(capability) ? "it may run the 8.6 code (same major version; unverified)"
                        : "training on it is expected to fail (docs/gpu.md)"));
            }
        });
        if (!driver.gpus().isEmpty() && !cuda) {
            warnings.add(driver.gpus().size() + " GPU" + (driver.gpus().size() == 1 ? " is" : "s are") + " present but this "
                    + "workbench was built with the CPU backend, so training runs on the CPU; build with 'mvn -Pcuda install' "
                    + "(docs/gpu.md)");
        }
        if (driver.cudaVersion() != null && Machine.versionBelow(driver.cudaVersion(), 11, 6) && cuda) {
            warnings.add("the driver supports CUDA " + driver.cudaVersion() + ", older than the 11.6 the CUDA build needs; "
                    + "update the NVIDIA driver");
        }

        Map<String, Object> libraries = new LinkedHashMap<>();
        libraries.put("libcudart", Machine.findLibraries("libcudart.so"));
        libraries.put("libcublas", Machine.findLibraries("libcublas.so"));
        libraries.put("libcusolver", Machine.findLibraries("libcusolver.so"));
        libraries.put("libcudnn", Machine.findLibraries("libcudnn.so"));
        report.put("cuda_libraries", libraries);

        boolean cuda11 = Stream.of("libcublas", "libcusolver").allMatch(lib -> ((List<?>) libraries.computeIfAbsent(lib,
                k -> Machine.findLibraries(k + ".so"))).stream().anyMatch(f -> String.valueOf(f).contains(".so.11")));
        if (!driver.gpus().isEmpty() && !cuda11) {
            warnings.add("the CUDA build (nd4j-cuda-11.6) needs the CUDA 11 libraries libcublas.so.11 and libcusolver.so.11 "
                    + "on the library path (CUDA toolkit 11.6, or LD_LIBRARY_PATH); they were not found (docs/gpu.md)");
        }

        Map<String, Object> slurm = new LinkedHashMap<>();
        slurm.put("sbatch", Gpus.find("sbatch") == null ? null : Gpus.find("sbatch").toString());
        slurm.put("job", System.getenv("SLURM_JOB_ID"));
        report.put("slurm", slurm);

        Map<String, Object> home = new LinkedHashMap<>();
        home.put("path", homeOptions.home().toString());
        home.put("database", homeOptions.isHomeDatabase() ? served(homeOptions.home()) : homeOptions.dbUrl());
        report.put("home", home);
        report.put("warnings", warnings);

        if (json.on()) {
            json.print(report);
            return ExitCodes.OK;
        }
        System.out.println("CNN Workbench " + report.get("workbench"));
        System.out.println("Java:      " + report.get("java") + ", max heap " + report.get("max_heap_mib") + " MiB");
        System.out.println("Machine:   " + report.get("os") + ", " + report.get("cores") + " cores, " + report.get("cpu")
                + (Machine.cpuVectorExtensions().isEmpty() ? "" : " (" + report.get("cpu_vector_extensions") + ")"));
        System.out.println("ND4J:      " + backend.get("build") + ", backend " + backend.get("backend")
                + (cuda ? ", CUDA " + backend.get("cuda_version") : ", " + backend.get("omp_threads") + " native threads, BLAS "
                + backend.get("blas_vendor") + ", oneDNN helpers " + (Boolean.TRUE.equals(backend.get("onednn_helpers")) ? "on" : "off"))
                + ", data type " + backend.get("data_type"));
        if (cuda) {
            for (Object d : (List<?>) backend.get("devices")) {
                Map<?, ?> m = (Map<?, ?>) d;
                System.out.println("  device " + m.get("index") + ": " + m.get("name") + ", " + m.get("memory_mib") + " MiB ("
                        + m.get("free_mib") + " free), compute capability " + m.get("compute_capability"));
            }
        }
        if (driver.gpus().isEmpty()) {
            System.out.println("GPUs:      none (" + driver.problem() + ")");
        } else {
            System.out.println("GPUs:      driver " + driver.driverVersion() + ", CUDA " + driver.cudaVersion() + " supported"
                    + (System.getenv("CUDA_VISIBLE_DEVICES") == null ? "" : "; CUDA_VISIBLE_DEVICES="
                    + System.getenv("CUDA_VISIBLE_DEVICES")));
            for (Gpus.Gpu g : driver.gpus()) {
                System.out.println("  GPU " + g.index() + ": " + g.name() + ", " + g.memoryMiB() + " MiB"
                        + (g.computeCapability().isEmpty() ? "" : ", compute capability " + g.computeCapability()));
            }
        }
        System.out.println("CUDA libs: " + libraryLine(libraries));
        System.out.println("Slurm:     " + (slurm.get("sbatch") == null ? "no sbatch on the PATH (--launcher slurm needs it)"
                : "sbatch at " + slurm.get("sbatch") + (slurm.get("job") == null ? "" : "; inside job " + slurm.get("job"))));
        System.out.println("Home:      " + home.get("path") + "; database " + home.get("database"));
        for (String w : warnings) {
            System.out.println("warning: " + w);
        }
        if (warnings.isEmpty()) {
            System.out.println("No problems found.");
        }
        return ExitCodes.OK;
    }

    private static String libraryLine(Map<String, Object> libraries) {
        List<String> parts = new ArrayList<>();
        libraries.forEach((name, found) -> {
            List<?> list = (List<?>) found;
            parts.add(name + " " + (list.isEmpty() ? "not found" : String.join(", ", list.stream().map(String::valueOf).toList())));
        });
        return String.join("; ", parts);
    }

    /** How the home's database is reached: the embedded file, or the server another process runs. */
    private static String served(Path home) {
        Path props = home.resolve("db").resolve("server.properties");
        if (Files.isRegularFile(props)) {
            try {
                java.util.Properties p = new java.util.Properties();
                try (var in = Files.newInputStream(props)) {
                    p.load(in);
                }
                return "embedded H2 file " + home.resolve("db") + ", served by process " + p.getProperty("pid", "?") + " at "
                        + p.getProperty("url", "?");
            } catch (IOException e) {
                return "embedded H2 file " + home.resolve("db");
            }
        }
        return "embedded H2 file " + home.resolve("db") + (Files.isDirectory(home.resolve("db")) ? "" : " (not created yet)");
    }
}
