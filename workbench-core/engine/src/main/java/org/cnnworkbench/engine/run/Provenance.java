package org.cnnworkbench.engine.run;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.Versions;
import org.cnnworkbench.engine.nd4j.Backend;
import org.cnnworkbench.engine.spec.Configured;
import org.cnnworkbench.engine.spec.ExperimentSpec;

/**
 * Where a run's result came from: the plugins (id, version, jar checksum) of each extension used,
 * the seed and dataset digest, and the versions of the workbench, Java, DL4J, the ND4J backend,
 * the OS and the machine, which faster backward passes and how many replicas trained it — enough to trace a result to the code and data that made it.
 */
final class Provenance {
    private Provenance() {
    }

    static Map<String, Object> of(ExperimentSpec spec, String datasetDigest, int threads, FastBackprop fastBackprop,
                                  ReplicaPlan replicas) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("workbench_version", Versions.workbench());
        p.put("dl4j_version", Versions.dl4j());
        p.put("java_version", System.getProperty("java.version"));
        p.put("java_vendor", System.getProperty("java.vendor"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        p.put("arch", System.getProperty("os.arch"));
        p.put("host", hostName());
        p.put("launched_by", org.cnnworkbench.engine.LaunchedBy.current());
        p.put("cores", Runtime.getRuntime().availableProcessors());
        p.put("native_threads", threads);
        p.put("backend", Backend.describe());
        p.put("fast_backprop", fastBackprop.describe());
        p.put("replicas", replicas.describe());
        p.put("seed", spec.training().seed());
        p.put("dataset_digest", datasetDigest);
        p.put("experiment_file", spec.file() == null ? null : spec.file().toAbsolutePath().toString());
        List<Map<String, Object>> plugins = new ArrayList<>();
        plugins.add(plugin("dataset", spec.dataset()));
        plugins.add(plugin("architecture", spec.architecture()));
        spec.augmentations().forEach(a -> plugins.add(plugin("augmentation", a)));
        spec.callbacks().forEach(c -> plugins.add(plugin("callback", c)));
        p.put("extensions", plugins);
        return p;
    }

    private static Map<String, Object> plugin(String kind, Configured<?> configured) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("id", configured.id());
        m.put("plugin", configured.plugin().id());
        m.put("version", configured.plugin().version());
        m.put("sha256", configured.plugin().sha256());
        m.put("built_in", configured.plugin().builtIn());
        return m;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
