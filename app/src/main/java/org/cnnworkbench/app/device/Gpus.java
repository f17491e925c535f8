package org.cnnworkbench.app.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The NVIDIA GPUs of this machine as the driver reports them ({@code nvidia-smi}), whatever ND4J
 * backend this build has: for {@code --devices gpu} and for {@code doctor}'s warning when a GPU
 * sits unused under the CPU backend.
 */
public final class Gpus {
    /** A GPU: its index, name, memory in MiB, compute capability (e.g. 8.6, or "" when the driver is too old to say). */
    public record Gpu(int index, String name, long memoryMiB, String computeCapability) {
    }

    /** What nvidia-smi said: the GPUs, the driver and CUDA versions, or why nothing is known. */
    public record Report(List<Gpu> gpus, String driverVersion, String cudaVersion, String problem) {
    }

    private Gpus() {
    }

    /** The GPUs nvidia-smi lists; empty when there is no nvidia-smi or no GPU. */
    public static List<Gpu> list() {
        return report().gpus();
    }

    public static Report report() {
        Path smi = find("nvidia-smi");
        if (smi == null) {
            return new Report(List.of(), null, null, "no nvidia-smi on the PATH (no NVIDIA driver installed)");
        }
        String csv = run(List.of(smi.toString(), "--query-gpu=index,name,memory.total,compute_cap,driver_version",
                "--format=csv,noheader,nounits"));
        if (csv == null) {
            // Drivers before 510 do not know compute_cap.
            csv = run(List.of(smi.toString(), "--query-gpu=index,name,memory.total,driver_version", "--format=csv,noheader,nounits"));
            if (csv == null) {
                return new Report(List.of(), null, null, "nvidia-smi failed (is the driver loaded?)");
            }
            csv = csv.lines().map(l -> {
                String[] p = l.split(",");
                return p.length == 4 ? p[0] + "," + p[1] + "," + p[2] + ",," + p[3] : l;
            }).reduce("", (a, b) -> a + b + "\n");
        }
        List<Gpu> gpus = new ArrayList<>();
        String driver = null;
        for (String line : csv.lines().toList()) {
            String[] p = line.split(",");
            if (p.length < 5 || !p[0].trim().matches("\\d+")) {
                continue;
            }
            long memory;
            try {
                memory = Long.parseLong(p[2].trim());
            } catch (NumberFormatException e) {
                memory = 0;
            }
            gpus.add(new Gpu(Integer.parseInt(p[0].trim()), p[1].trim(), memory, p[3].trim()));
            driver = p[4].trim();
        }
        String header = run(List.of(smi.toString()));
        String cuda = null;
        if (header != null) {
            var m = java.util.regex.Pattern.compile("CUDA Version:\\s*([0-9.]+)").matcher(header);
            cuda = m.find() ? m.group(1) : null;
        }
        return new Report(gpus, driver, cuda, gpus.isEmpty() ? "nvidia-smi lists no GPU" : null);
    }

    /** An executable on the PATH, or null. */
    public static Path find(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name);
            }
        }
        return null;
    }

    /** The command's output, or null when it failed or took over 20 s. */
    private static String run(List<String> command) {
        Path out = null;
        try {
            out = Files.createTempFile("workbench-gpus", ".out");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? Files.readString(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // A temporary file left behind.
                }
            }
        }
    }
}
