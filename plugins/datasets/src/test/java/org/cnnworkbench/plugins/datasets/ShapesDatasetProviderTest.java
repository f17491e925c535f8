package org.cnnworkbench.plugins.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.data.Shapes;
import org.cnnworkbench.testkit.TestParams;
import org.junit.jupiter.api.Test;

class ShapesDatasetProviderTest {
    private final ShapesDatasetProvider provider = new ShapesDatasetProvider();

    private Params params(Object... values) {
        return TestParams.of(provider, values);
    }

    @Test
    void drawsThreeClassesOfRgbImagesAndHoldsOutStratifiedShares() {
        DatasetSplits splits = provider.load(params("samples_per_class", 20, "width", 24, "height", 16), 1);

        assertThat(splits.shape()).isEqualTo(InputShape.image(3, 16, 24));
        assertThat(splits.classNames()).containsExactly("circle", "square", "triangle");
        assertThat(Cifar10DatasetProviderTest.perClass(splits.test(), 3)).containsExactly(2, 2, 2);
        assertThat(Cifar10DatasetProviderTest.perClass(splits.validation(), 3)).containsExactly(4, 4, 4);
        assertThat(Cifar10DatasetProviderTest.perClass(splits.train(), 3)).containsExactly(14, 14, 14);
        float[] image = new float[splits.shape().size()];
        for (int i = 0; i < splits.train().size(); i++) {
            splits.train().read(i, image, 0);
            for (float v : image) {
                assertThat(v).isBetween(0f, 1f);
            }
        }
    }

    @Test
    void theSeedDecidesTheImagesAndTheSplit() {
        Params small = params("samples_per_class", 5, "width", 16, "height", 16);

        DatasetSplits a = provider.load(small, 7);
        DatasetSplits b = provider.load(small, 7);
        DatasetSplits c = provider.load(small, 8);

        assertThat(b.digest()).isEqualTo(a.digest()).hasSize(64);
        assertThat(c.digest()).isNotEqualTo(a.digest());
        assertThat(values(b.test())).isEqualTo(values(a.test()));
    }

    private static List<Float> values(DataSource source) {
        List<Float> values = new ArrayList<>();
        float[] image = new float[3 * 16 * 16];
        for (int i = 0; i < source.size(); i++) {
            source.read(i, image, 0);
            for (float v : image) {
                values.add(v);
            }
        }
        return values;
    }

    @Test
    void grayscaleGivesOneChannel() {
        DatasetSplits splits = provider.load(params("samples_per_class", 4, "color", "grayscale", "width", 8, "height", 8,
                "validation_split", 0.0, "test_split", 0.0), 1);

        assertThat(splits.shape()).isEqualTo(InputShape.image(1, 8, 8));
        assertThat(splits.train().size()).isEqualTo(12);
    }

    @Test
    void holdsTheImagesThatMakeShapesWritesForTheSameSeedSizeAndNoise() {
        DatasetSplits splits = provider.load(params("samples_per_class", 3, "width", 12, "height", 10, "noise", 0.2,
                "validation_split", 0.0, "test_split", 0.0), 99);
        List<byte[]> drawn = new ArrayList<>();
        Shapes.generate(99, 3, 12, 10, 0.2, (classIndex, number, image) -> {
            byte[] bytes = new byte[3 * 12 * 10];
            ImageBytes.write(image, false, bytes, 0);
            drawn.add(bytes);
        });

        float[] sample = new float[3 * 12 * 10];
        for (int i = 0; i < 9; i++) {
            splits.train().read(i, sample, 0);
            assertThat(splits.train().label(i)).isEqualTo(i % 3);
            for (int v = 0; v < sample.length; v++) {
                assertThat(sample[v]).isEqualTo(Byte.toUnsignedInt(drawn.get(i)[v]) / 255f);
            }
        }
    }

    @Test
    void declaresItsParameters() {
        assertThat(provider.id()).isEqualTo("shapes");
        assertThat(provider.parameters()).extracting(spec -> spec.name()).containsExactly("width", "height",
                "samples_per_class", "color", "noise", "validation_split", "test_split");
        assertThat(provider.parameters()).extracting(spec -> spec.defaultValue())
                .containsExactly(64, 64, 300, "rgb", 0.1, 0.2, 0.1);
    }
}
