package org.cnnworkbench.app.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** This machine's CPU and the shared libraries it has: probes only, for {@code doctor} to print. */
public final class Machine {
    private Machine() {
    }

    /** Versions of a shared library found in the library path and the usual CUDA folders, e.g. libcudnn.so.8.3.2. */
    public static List<String> findLibraries(String prefix) {
        Set<Path> dirs = new java.util.LinkedHashSet<>();
        for (String d : System.getenv().getOrDefault("LD_LIBRARY_PATH", "").split(":")) {
            if (!d.isBlank()) {
                dirs.add(Path.of(d));
            }
        }
        for (String d : List.of("/usr/local/cuda/lib64", "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/local/lib")) {
            dirs.add(Path.of(d));
        }
        try (Stream<Path> cuda = Files.isDirectory(Path.of("/usr/local")) ? Files.list(Path.of("/usr/local")) : Stream.empty()) {
            cuda.filter(p -> p.getFileName().toString().startsWith("cuda-")).forEach(p -> dirs.add(p.resolve("lib64")));
        } catch (IOException ignored) {
            // no /usr/local listing
        }
        Set<String> found = new TreeSet<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.length() > prefix.length())
                        .forEach(n -> found.add(dir.resolve(n).toString()));
            } catch (IOException ignored) {
                // unreadable folder
            }
        }
        // Keep the most specific names (libcudnn.so.8.3.2 over libcudnn.so.8).
        List<String> result = new ArrayList<>();
        for (String f : found) {
            if (found.stream().noneMatch(o -> !o.equals(f) && o.startsWith(f + "."))) {
                result.add(f);
            }
        }
        return result;
    }

    /** The CPU model /proc/cpuinfo names, else the architecture. */
    public static String cpuModel() {
        Matcher m = Pattern.compile("(?m)^model name\\s*:\\s*(.+)$").matcher(cpuinfo());
        return m.find() ? m.group(1).trim() : System.getProperty("os.arch");
    }

    /** The vector extensions training can use that the CPU has (avx, avx2, fma, avx512f, ...). */
    public static List<String> cpuVectorExtensions() {
        Matcher m = Pattern.compile("(?m)^flags\\s*:\\s*(.+)$").matcher(cpuinfo());
        if (!m.find()) {
            return List.of();
        }
        Set<String> flags = Set.of(m.group(1).trim().split("\\s+"));
        return Stream.of("avx", "avx2", "fma", "avx512f", "avx512_vnni", "amx_tile").filter(flags::contains).toList();
    }

    private static String cpuinfo() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Whether a version such as 11.4 is below major.minor. */
    public static boolean versionBelow(String version, int major, int minor) {
        String[] p = version.split("\\.");
        try {
            int ma = Integer.parseInt(p[0]);
            int mi = p.length > 1 ? Integer.parseInt(p[1]) : 0;
            return ma < major || (ma == major && mi < minor);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
