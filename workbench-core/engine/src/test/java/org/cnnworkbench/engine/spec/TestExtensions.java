package org.cnnworkbench.engine.spec;

import java.util.Comparator;
import java.util.List;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.ArchitectureFactory;
import org.cnnworkbench.api.Configurable;
import org.cnnworkbench.api.DatasetProvider;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.TrainingCallback;
import org.cnnworkbench.engine.plugin.ExtensionLookup;
import org.cnnworkbench.engine.plugin.Loaded;
import org.cnnworkbench.engine.plugin.PluginInfo;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/**
 * Small real extensions for validating files in engine tests (the built-in plugins are tested
 * through PF4J in the app module). They declare parameters of every type; they are never run.
 */
final class TestExtensions implements ExtensionLookup {
    static final PluginInfo PLUGIN = new PluginInfo("test-plugin", "1.0.0", "memory", "", false);

    static final class Files implements DatasetProvider {
        public String id() {
            return "files";
        }

        public String description() {
            return "test dataset";
        }

        public List<ParamSpec> parameters() {
            return List.of(ParamSpec.requiredPath("train_images", "images"),
                    ParamSpec.number("validation_split", 0.1, 0, 0.9, "held out"),
                    ParamSpec.integer("limit", 0, 0, 1000, "samples kept"));
        }

        public DatasetSplits load(Params params, long seed) {
            throw new UnsupportedOperationException("validation tests never load data");
        }
    }

    static final class Net implements ArchitectureFactory {
        public String id() {
            return "lenet5";
        }

        public String description() {
            return "test architecture";
        }

        public List<ParamSpec> parameters() {
            return List.of(ParamSpec.choice("activation", "tanh", List.of("tanh", "relu"), "activation"),
                    ParamSpec.bool("batch_norm", false, "batch norm"));
        }

        public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
            throw new UnsupportedOperationException("validation tests never build networks");
        }
    }

    static final class Stop implements TrainingCallback {
        public String id() {
            return "early-stopping";
        }

        public String description() {
            return "test callback";
        }

        public List<ParamSpec> parameters() {
            return List.of(ParamSpec.integer("patience", 0, 0, 100, "epochs"));
        }

        public EpochListener create(Params params) {
            return (metrics, control) -> { };
        }
    }

    private final List<Configurable> all = List.of(new Files(), new Net(), new Stop());

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Configurable> List<Loaded<T>> all(Class<T> type) {
        return all.stream().filter(type::isInstance).map(e -> new Loaded<>((T) e, PLUGIN))
                .sorted(Comparator.comparing(Loaded::id)).toList();
    }
}
