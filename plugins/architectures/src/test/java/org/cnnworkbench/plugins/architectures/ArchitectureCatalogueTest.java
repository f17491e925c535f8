package org.cnnworkbench.plugins.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cnnworkbench.api.ArchitectureFactory;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.testkit.ExtensionIndex;
import org.cnnworkbench.testkit.TestArchitectureContext;
import org.cnnworkbench.testkit.TestParams;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every architecture of the seed table on its natural input, with its defaults: Keras' parameter
 * count (each factory's Javadoc adds it up), output of one row per sample, and one training step.
 */
class ArchitectureCatalogueTest {

    /** Architectures that build from a file or an earlier run rather than from the dataset alone. */
    private static final Set<String> FROM_FILES = Set.of("keras-json", "from-run");

    static Stream<Arguments> catalogue() {
        InputShape mnist = InputShape.image(1, 28, 28);
        InputShape cifar = InputShape.image(3, 32, 32);
        return Stream.of(
                Arguments.of(new MlpFactory(), cifar, 3, 3_673_091L, 0L),
                Arguments.of(new Mlp800Factory(), mnist, 10, 636_010L, 0L),
                Arguments.of(new SmallCnnFactory(), mnist, 10, 93_322L, 0L),
                Arguments.of(new Lenet5Factory(), mnist, 10, 545_546L, 0L),
                Arguments.of(new Lenet5ReluFactory(), mnist, 10, 83_774L, 0L),
                Arguments.of(new TwoConvFactory(), mnist, 10, 225_898L, 0L),
                Arguments.of(new ConvPoolFactory(), mnist, 10, 54_410L, 0L),
                Arguments.of(new CifarBnCnnFactory(), cifar, 10, 1_342_134L, 454L),
                Arguments.of(new KerasCifar10Factory(), cifar, 10, 1_250_858L, 0L),
                Arguments.of(new SmallVggNetFactory(), InputShape.image(3, 64, 64), 3, 4_625_923L, 2_112L),
                // Keras' input_shape=(96, 54, 3): height 96, width 54.
                Arguments.of(new CarsCnnFactory(), InputShape.image(3, 96, 54), 3, 77_091L, 0L),
                Arguments.of(new CatsDogsCnnFactory(), InputShape.image(3, 180, 180), 2, 991_041L, 0L),
                Arguments.of(new Conv1dTelemetryFactory(), InputShape.sequence(1, 9), 2, 67_073L, 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void hasKerasParameterCountOnItsNaturalInput(ArchitectureFactory factory, InputShape shape, int classes,
                                                 long params, long nonTrainable) {
        MultiLayerConfiguration conf = factory.build(TestParams.of(factory), TestArchitectureContext.of(shape, classes));

        assertThat(Networks.init(conf).numParams()).isEqualTo(params);
        assertThat(movingStatistics(conf)).as("non-trainable (moving mean and variance)").isEqualTo(nonTrainable);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void givesOneRowPerSampleAndTrainsOneStep(ArchitectureFactory factory, InputShape shape, int classes) {
        MultiLayerNetwork network = Networks.init(factory.build(TestParams.of(factory), TestArchitectureContext.of(shape, classes)));
        INDArray batch = Networks.batch(shape, 2);
        int width = Networks.outputWidth(network);

        INDArray output = network.output(batch);

        assertThat(output.shape()).containsExactly(2, width);
        if (width > 1) {
            assertThat(output.sumNumber().doubleValue()).isCloseTo(2.0, within(1e-4));
        }
        INDArray before = network.params().dup();
        network.fit(new DataSet(batch, Networks.labels(2, width)));
        assertThat(network.params()).isNotEqualTo(before);
        assertThat(network.score()).isFinite();
    }

    @Test
    void theCatalogueCoversEveryArchitectureOfThisModule() {
        Set<String> covered = catalogue().map(arguments -> ((ArchitectureFactory) arguments.get()[0]).id())
                .collect(Collectors.toSet());
        List<String> ids = ExtensionIndex.extensionsOf(ArchitectureFactory.class).stream().map(ArchitectureFactory::id)
                .filter(id -> !FROM_FILES.contains(id) && !GraphArchitecturesTest.IDS.contains(id)).toList();

        assertThat(covered).containsExactlyInAnyOrderElementsOf(ids);
    }

    private static long movingStatistics(MultiLayerConfiguration conf) {
        return conf.getConfs().stream().map(layerConf -> layerConf.getLayer())
                .filter(BatchNormalization.class::isInstance)
                .mapToLong(layer -> 2 * ((BatchNormalization) layer).getNOut())
                .sum();
    }
}
