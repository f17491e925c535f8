package org.cnnworkbench.db;

import java.util.Comparator;
import java.util.List;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.ArchitectureFactory;
import org.cnnworkbench.api.Configurable;
import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.DatasetProvider;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.TrainingCallback;
import org.cnnworkbench.engine.plugin.ExtensionLookup;
import org.cnnworkbench.engine.plugin.Loaded;
import org.cnnworkbench.engine.plugin.PluginInfo;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Three small real extensions for training with the engine's TrialRunner against the real H2 store:
 * {@code stripes} (8×8 images of two classes, vertical or horizontal stripes), {@code tiny-cnn}
 * (ReLU convolution, ReLU dense layer, softmax), {@code tiny-resnet} (a graph with a residual
 * {@code Add}) and {@code breaks} (a callback that, at the end of
 * the first epoch, runs {@link #sabotage} and then throws).
 */
final class TrainingExtensions implements ExtensionLookup {
    static final PluginInfo PLUGIN = new PluginInfo("db-test-plugin", "1.0.0", "memory", "", false);
    static final String BROKE = "the callback broke at epoch ";

    /** Run by {@code breaks} just before it throws (e.g. something that makes recording fail too). */
    static volatile Runnable sabotage = () -> { };

    static final class Stripes implements DatasetProvider {
        public String id() {
            return "stripes";
        }

        public String description() {
            return "8x8 stripes, vertical (class 0) or horizontal (class 1)";
        }

        public List<ParamSpec> parameters() {
            return List.of();
        }

        public DatasetSplits load(Params params, long seed) {
            return new DatasetSplits(InputShape.image(1, 8, 8), List.of("vertical", "horizontal"), stripes(48),
                    stripes(8), stripes(8), "stripes-48-8-8");
        }

        private static DataSource stripes(int size) {
            return new DataSource() {
                public int size() {
                    return size;
                }

                public int label(int index) {
                    return index % 2;
                }

                public void read(int index, float[] destination, int offset) {
                    for (int y = 0; y < 8; y++) {
                        for (int x = 0; x < 8; x++) {
                            int line = label(index) == 0 ? x : y;
                            destination[offset + y * 8 + x] = (line + index / 2) % 2 == 0 ? 1f : 0f;
                        }
                    }
                }
            };
        }
    }

    static final class TinyCnn implements ArchitectureFactory {
        public String id() {
            return "tiny-cnn";
        }

        public String description() {
            return "conv(4, 3x3, relu) -> dense(8, relu) -> softmax";
        }

        public List<ParamSpec> parameters() {
            return List.of();
        }

        public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
            return context.configure().list()
                    .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                    .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(context.classCount())
                            .activation(Activation.SOFTMAX).build())
                    .setInputType(context.inputShape().toInputType())
                    .build();
        }
    }

    /** A graph: conv → BN → ReLU, one residual block (two convolutions added to their input) → global pooling → softmax. */
    static final class TinyResNet implements ArchitectureFactory {
        public String id() {
            return "tiny-resnet";
        }

        public String description() {
            return "conv(4) -> residual block of two conv(4) with Add -> global average pooling -> softmax";
        }

        public List<ParamSpec> parameters() {
            return List.of();
        }

        @Override
        public org.cnnworkbench.api.ModelConfiguration configuration(Params params, ArchitectureContext context) {
            var same = org.deeplearning4j.nn.conf.ConvolutionMode.Same;
            return org.cnnworkbench.api.ModelConfiguration.graph(context.configure().graphBuilder()
                    .addInputs("input_1").setInputTypes(context.inputShape().toInputType())
                    .addLayer("conv2d", new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(same)
                            .activation(Activation.IDENTITY).build(), "input_1")
                    .addLayer("batch_normalization", new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder().build(), "conv2d")
                    .addLayer("activation", new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                            .activation(Activation.RELU).build(), "batch_normalization")
                    .addLayer("conv2d_1", new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(same)
                            .activation(Activation.RELU).build(), "activation")
                    .addLayer("conv2d_2", new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(same)
                            .activation(Activation.IDENTITY).build(), "conv2d_1")
                    .addVertex("add", new org.deeplearning4j.nn.conf.graph.ElementWiseVertex(
                            org.deeplearning4j.nn.conf.graph.ElementWiseVertex.Op.Add), "activation", "conv2d_2")
                    .addLayer("global_average_pooling2d", new org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer.Builder(
                            org.deeplearning4j.nn.conf.layers.PoolingType.AVG).build(), "add")
                    .addLayer("dense", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(context.classCount())
                            .activation(Activation.SOFTMAX).build(), "global_average_pooling2d")
                    .setOutputs("dense").build());
        }
    }

    static final class Breaks implements TrainingCallback {
        public String id() {
            return "breaks";
        }

        public String description() {
            return "throws at the end of the first epoch";
        }

        public List<ParamSpec> parameters() {
            return List.of();
        }

        public EpochListener create(Params params) {
            return (metrics, control) -> {
                sabotage.run();
                throw new IllegalStateException(BROKE + metrics.epoch());
            };
        }
    }

    private final List<Configurable> all = List.of(new Stripes(), new TinyCnn(), new TinyResNet(), new Breaks());

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Configurable> List<Loaded<T>> all(Class<T> type) {
        return all.stream().filter(type::isInstance).map(e -> new Loaded<>((T) e, PLUGIN))
                .sorted(Comparator.comparing(Loaded::id)).toList();
    }
}
