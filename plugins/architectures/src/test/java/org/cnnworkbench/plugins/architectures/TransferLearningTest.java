package org.cnnworkbench.plugins.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.testkit.TestArchitectureContext;
import org.cnnworkbench.testkit.TestParams;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Transfer learning on the keras.applications bases: Keras' preprocess_input built into the graph,
 * freezing (the base, none, up to a named or indexed layer) that keeps frozen weights through
 * training, and a Keras-layout .h5 of the base (written here through the HDF5 library) loaded by
 * layer name.
 */
class TransferLearningTest {
    private static final InputShape SMALL_RGB = InputShape.image(3, 32, 32);

    @TempDir
    Path dir;

    @Test
    void caffePreprocessingIsKerasBgrMeanSubtractionOfPixelsScaledTo255() {
        LayerGraph graph = new LayerGraph("test", TestArchitectureContext.of(InputShape.image(3, 2, 2), 3), WeightPenalty.NONE);
        graph.preprocess("caffe");
        ComputationGraph network = (ComputationGraph) graph.softmaxOutput(graph.dense(graph.input(), null, 2,
                org.nd4j.linalg.activations.Activation.IDENTITY), null).newNetwork();
        INDArray rgb = Nd4j.rand(DataType.FLOAT, 1, 3, 2, 2);

        INDArray bgr = network.feedForward(rgb, false).get("preprocess_bgr");

        double[] means = {103.939, 116.779, 123.68};
        for (int c = 0; c < 3; c++) {
            INDArray expected = rgb.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(2 - c)).mul(255).sub(means[c]);
            INDArray actual = bgr.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(c));
            assertThat(actual.equalsWithEps(expected, 1e-3)).as("channel " + c).isTrue();
        }
    }

    @Test
    void tfPreprocessingMapsZeroOneToMinusOneOne() {
        LayerGraph graph = new LayerGraph("test", TestArchitectureContext.of(InputShape.image(3, 2, 2), 3), WeightPenalty.NONE);
        graph.preprocess("tf");
        ComputationGraph network = (ComputationGraph) graph.softmaxOutput(graph.globalPool(graph.input(), null,
                org.deeplearning4j.nn.conf.layers.PoolingType.AVG), null).newNetwork();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 2, 2);

        assertThat(network.feedForward(x, false).get("preprocess_shift").equalsWithEps(x.mul(2).sub(1), 1e-6)).isTrue();
    }

    @Test
    void pretrainedWeightsBringTheirPreprocessingAndFreshOnesNone() {
        Vgg16Factory vgg = new Vgg16Factory();
        assertThat(vertices(vgg.configuration(TestParams.of(vgg, "include_top", false, "weights", "some.h5"), context(2))))
                .containsKey("preprocess_bgr");
        assertThat(vertices(vgg.configuration(TestParams.of(vgg, "include_top", false), context(2))))
                .doesNotContainKey("preprocess_bgr");
        MobileNetV2Factory mobile = new MobileNetV2Factory();
        assertThat(vertices(mobile.configuration(TestParams.of(mobile, "include_top", false, "preprocess", "auto",
                "weights", "x.h5"), context(2)))).containsKey("preprocess_shift").doesNotContainKey("preprocess_bgr");
    }

    @Test
    void freezeBaseFreezesEveryBaseLayerAndNoHeadLayer() {
        Vgg16Factory vgg = new Vgg16Factory();
        ComputationGraphConfiguration conf = graph(vgg, "include_top", false, "head_units", 8, "freeze", "base");

        assertThat(frozen(conf, "block1_conv1")).isTrue();
        assertThat(frozen(conf, "block5_conv3")).isTrue();
        assertThat(frozen(conf, "block5_pool")).isTrue();
        assertThat(frozen(conf, "dense")).isFalse();
    }

    @Test
    void freezeUpToANamedOrIndexedLayerLeavesTheLayersAfterItToTrain() {
        Vgg16Factory vgg = new Vgg16Factory();
        ComputationGraphConfiguration byName = graph(vgg, "include_top", false, "freeze", "block4_pool");
        assertThat(frozen(byName, "block4_pool")).isTrue();
        assertThat(frozen(byName, "block5_conv1")).isFalse();
        // Keras' vgg16.layers[14] is block4_pool (0 being the input layer).
        ComputationGraphConfiguration byIndex = graph(vgg, "include_top", false, "freeze", "14");
        assertThat(frozen(byIndex, "block4_pool")).isTrue();
        assertThat(frozen(byIndex, "block5_conv1")).isFalse();

        ComputationGraphConfiguration none = graph(vgg, "include_top", false, "freeze", "none", "weights", "w.h5");
        assertThat(frozen(none, "block1_conv1")).isFalse();
    }

    @Test
    void freezingAnUnknownLayerIsRefusedNamingIt() {
        Vgg16Factory vgg = new Vgg16Factory();
        assertThatThrownBy(() -> graph(vgg, "include_top", false, "freeze", "block9_conv1"))
                .isInstanceOf(PluginInputException.class).hasMessageContaining("freeze: 'block9_conv1' names no layer of vgg16");
        assertThatThrownBy(() -> graph(vgg, "include_top", false, "freeze", "99"))
                .isInstanceOf(PluginInputException.class).hasMessageContaining("freeze: 99 is not a layer index of vgg16");
    }

    @Test
    void frozenWeightsDoNotChangeInTrainingWhileTheLayersAfterThemDo() {
        Vgg16Factory vgg = new Vgg16Factory();
        ComputationGraph network = (ComputationGraph) vgg.createNetwork(TestParams.of(vgg, "include_top", false,
                "pooling", "avg", "head_units", 8, "freeze", "block4_pool"), context(3));
        Map<String, INDArray> before = copyOfParams(network);

        for (int i = 0; i < 2; i++) {
            network.fit(new DataSet(Networks.batch(SMALL_RGB, 4), Networks.labels(4, 3)));
        }

        for (String layer : new String[] {"block1_conv1", "block2_conv2", "block3_conv3", "block4_conv3"}) {
            for (Map.Entry<String, INDArray> param : network.getLayer(layer).paramTable().entrySet()) {
                assertThat(param.getValue()).as(layer + " " + param.getKey()).isEqualTo(before.get(layer + "_" + param.getKey()));
            }
        }
        for (String layer : new String[] {"block5_conv1", "block5_conv3", "dense"}) {
            assertThat(network.getLayer(layer).getParam("W")).as(layer).isNotEqualTo(before.get(layer + "_W"));
        }
    }

    @Test
    void aKerasH5OfTheBaseLoadsByLayerName() {
        MobileNetV2Factory mobile = new MobileNetV2Factory();
        // A base with other (random) weights, saved in Keras' layout; the head is not in the file.
        ComputationGraph source = (ComputationGraph) mobile.createNetwork(TestParams.of(mobile, "include_top", false,
                "pooling", "avg", "head_units", 0), context(3));
        source.setParams(Nd4j.rand(DataType.FLOAT, source.params().shape()).addi(0.1));
        KerasH5Writer writer = new KerasH5Writer();
        int written = 0;
        for (Layer layer : source.getLayers()) {
            String name = layer.getConfig().getLayerName();
            if (layer.numParams() == 0 || name.equals("dense")) {
                continue;
            }
            for (Map.Entry<String, INDArray> param : layer.paramTable().entrySet()) {
                writer.put(name, kerasKey(layer, param.getKey()), kerasLayout(layer, param.getKey(), param.getValue()));
            }
            written++;
        }
        Path h5 = dir.resolve("mobilenet_v2_base.h5");
        writer.write(h5);

        ComputationGraph loaded = (ComputationGraph) mobile.createNetwork(TestParams.of(mobile, "include_top", false,
                "pooling", "avg", "head_units", 0, "weights", h5.toString()), context(3));

        assertThat(written).isGreaterThan(100);
        for (Layer layer : source.getLayers()) {
            String name = layer.getConfig().getLayerName();
            if (layer.numParams() == 0 || name.equals("dense")) {
                continue;
            }
            for (Map.Entry<String, INDArray> param : layer.paramTable().entrySet()) {
                INDArray value = loaded.getLayer(name).getParam(param.getKey());
                assertThat(value.equalsWithEps(param.getValue(), 1e-4)).as(name + " " + param.getKey() + ": " + value + " vs "
                        + param.getValue()).isTrue();
            }
            assertThat(loaded.getConfiguration().getVertices().get(name)).matches(v -> ((LayerVertex) v).getLayerConf().getLayer()
                    instanceof FrozenLayer, name + " frozen (freeze: base is the default with pretrained weights)");
        }
        // Keras' layouts where DL4J's is the same: a depthwise kernel [h, w, in, depth multiplier].
        assertThat(loaded.getLayer("block_1_depthwise").getParam("W").shape()).containsExactly(3, 3, 96, 1);
        INDArray x = Networks.batch(SMALL_RGB, 2);
        assertThat(loaded.outputSingle(x).shape()).containsExactly(2, 3);
        // Keras' Conv2D on the saved kernel K[h, w, in, out], at an inner position of Conv1 (3x3, stride 2):
        // out[o] = sum K[dh, dw, c, o] * in[c, 2i + dh, 2j + dw] (no padding reaches row/column 2..4).
        INDArray kernel = kerasLayout(source.getLayer("Conv1"), "W", source.getLayer("Conv1").getParam("W"));
        Map<String, INDArray> activations = loaded.feedForward(x, false);
        INDArray in = activations.get("preprocess_shift");
        INDArray out = activations.get("Conv1");
        for (int o : new int[] {0, 7, 31}) {
            double expected = 0;
            for (int dh = 0; dh < 3; dh++) {
                for (int dw = 0; dw < 3; dw++) {
                    for (int c = 0; c < 3; c++) {
                        expected += kernel.getDouble(dh, dw, c, o) * in.getDouble(1, c, 2 + dh, 2 + dw);
                    }
                }
            }
            assertThat(out.getDouble(1, o, 1, 1)).as("Conv1 channel " + o).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void aWeightsFileWithoutABaseLayerIsRefusedNamingTheLayerAndTheFile() {
        Path h5 = dir.resolve("partial.h5");
        new KerasH5Writer().put("Conv1", "kernel", Nd4j.rand(DataType.FLOAT, 3, 3, 3, 32)).write(h5);
        MobileNetV2Factory mobile = new MobileNetV2Factory();

        assertThatThrownBy(() -> mobile.createNetwork(TestParams.of(mobile, "include_top", false, "pooling", "avg",
                "head_units", 0, "weights", h5.toString()), context(3)))
                .isInstanceOf(PluginInputException.class).hasMessageContaining(h5.toString()).hasMessageContaining("have no layer 'bn_Conv1'");
        assertThatThrownBy(() -> mobile.createNetwork(TestParams.of(mobile, "include_top", false, "weights",
                dir.resolve("missing.h5").toString()), context(3)))
                .isInstanceOf(PluginInputException.class).hasMessageContaining("missing.h5 does not exist");
    }

    @Test
    void imagenetWeightsNeedColourImagesAndImagenetClassesForKerasTop() {
        Vgg16Factory vgg = new Vgg16Factory();
        assertThatThrownBy(() -> vgg.configuration(TestParams.of(vgg, "weights", "imagenet"), context(2)))
                .isInstanceOf(PluginInputException.class).hasMessageContaining("include_top: false");
        assertThatThrownBy(() -> vgg.configuration(TestParams.of(vgg, "include_top", false, "weights", "imagenet"),
                TestArchitectureContext.of(InputShape.image(1, 32, 32), 2)))
                .isInstanceOf(PluginInputException.class).hasMessageContaining("color: rgb");
    }

    private static String kerasKey(Layer layer, String key) {
        return switch (key) {
            case "W" -> layer.getConfig() instanceof org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D
                    || inner(layer) instanceof org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D ? "depthwise_kernel" : "kernel";
            case "b" -> "bias";
            case "mean" -> "moving_mean";
            case "var", "log10stdev" -> "moving_variance";
            default -> key;
        };
    }

    private static Object inner(Layer layer) {
        return layer.getConfig() instanceof FrozenLayer frozen ? frozen.getLayer() : layer.getConfig();
    }

    /** DL4J's tensor in Keras' layout: a convolution kernel [out, in, h, w] as [h, w, in, out]; the rest as vectors. */
    private static INDArray kerasLayout(Layer layer, String key, INDArray value) {
        if (key.equals("log10stdev")) {
            return org.nd4j.linalg.ops.transforms.Transforms.exp(value.reshape(value.length()).mul(2.0 * Math.log(10)), true)
                    .dup('c');
        }
        if (key.equals("W") && value.rank() == 4 && kerasKey(layer, key).equals("kernel")) {
            return value.permute(2, 3, 1, 0).dup('c');
        }
        return key.equals("W") ? value.dup('c') : value.reshape(value.length()).dup('c');
    }

    private static Map<String, INDArray> copyOfParams(ComputationGraph network) {
        Map<String, INDArray> copy = new java.util.HashMap<>();
        network.paramTable().forEach((k, v) -> copy.put(k, v.dup()));
        return copy;
    }

    private static ArchitectureContext context(int classes) {
        return TestArchitectureContext.of(SMALL_RGB, classes);
    }

    private static ComputationGraphConfiguration graph(KerasApplication factory, Object... overrides) {
        return GraphArchitecturesTest.graph(factory, TestParams.of(factory, overrides), SMALL_RGB, 2);
    }

    private static Map<String, ?> vertices(org.cnnworkbench.api.ModelConfiguration conf) {
        return ((org.cnnworkbench.api.ModelConfiguration.Graph) conf).configuration().getVertices();
    }

    private static boolean frozen(ComputationGraphConfiguration conf, String layer) {
        return ((LayerVertex) conf.getVertices().get(layer)).getLayerConf().getLayer() instanceof FrozenLayer;
    }
}
