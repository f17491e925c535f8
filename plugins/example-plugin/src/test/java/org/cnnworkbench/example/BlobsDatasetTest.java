package org.cnnworkbench.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.testkit.TestParams;
import org.junit.jupiter.api.Test;

class BlobsDatasetTest {
    private final BlobsDataset dataset = new BlobsDataset();

    /** Loads with the defaults and the given overrides (names and values alternating). */
    private DatasetSplits load(long seed, Object... overrides) {
        return dataset.load(TestParams.of(dataset, overrides), seed);
    }

    private static float[] image(DataSource source, int index, InputShape shape) {
        float[] pixels = new float[shape.size()];
        source.read(index, pixels, 0);
        return pixels;
    }

    @Test
    void givesGrayscaleImagesOfTheDeclaredSizeWithLabelsCyclingOverTheClasses() {
        DatasetSplits splits = load(1, "width", 20, "height", 12, "classes", 4, "samples_per_class", 10,
                "held_out_per_class", 3);

        assertThat(splits.shape()).isEqualTo(InputShape.image(1, 12, 20));
        assertThat(splits.classNames()).containsExactly("blob-0", "blob-1", "blob-2", "blob-3");
        assertThat(splits.train().size()).isEqualTo(40);
        assertThat(splits.validation().size()).isEqualTo(12);
        assertThat(splits.test().size()).isEqualTo(12);
        assertThat(IntStream.range(0, 6).map(splits.train()::label)).containsExactly(0, 1, 2, 3, 0, 1);
    }

    @Test
    void theSameSeedGivesTheSameImagesAndAnotherSeedOthers() {
        DatasetSplits first = load(7);
        DatasetSplits again = load(7);
        DatasetSplits other = load(8);
        InputShape shape = first.shape();

        assertThat(image(again.train(), 5, shape)).containsExactly(image(first.train(), 5, shape));
        assertThat(image(other.train(), 5, shape)).isNotEqualTo(image(first.train(), 5, shape));
        assertThat(image(first.validation(), 5, shape)).as("validation images are not training images")
                .isNotEqualTo(image(first.train(), 5, shape));
        assertThat(again.digest()).isEqualTo(first.digest()).hasSize(64);
        assertThat(other.digest()).isNotEqualTo(first.digest());
        assertThat(load(7, "noise", 0.2).digest()).isNotEqualTo(first.digest());
    }

    @Test
    void writesAtTheOffsetGivenAndKeepsValuesInTheUnitRangeEvenWithHeavyNoise() {
        DatasetSplits splits = load(3, "noise", 1.0, "width", 4, "height", 4);
        float[] destination = new float[1 + 16 + 1];
        destination[0] = -1;
        destination[17] = -2;

        splits.train().read(2, destination, 1);

        assertThat(destination[0]).isEqualTo(-1);
        assertThat(destination[17]).isEqualTo(-2);
        for (int i = 1; i <= 16; i++) {
            assertThat(destination[i]).isBetween(0f, 1f);
        }
    }

    @Test
    void theBlobsPositionTellsTheClass() {
        // The mean training image of each class, nearest to each test image, classifies it.
        DatasetSplits splits = load(11);
        InputShape shape = splits.shape();
        int perClass = splits.train().size() / splits.classCount();
        double[][] means = new double[splits.classCount()][shape.size()];
        for (int i = 0; i < splits.train().size(); i++) {
            float[] pixels = image(splits.train(), i, shape);
            for (int p = 0; p < pixels.length; p++) {
                means[splits.train().label(i)][p] += pixels[p] / perClass;
            }
        }
        int correct = 0;
        for (int i = 0; i < splits.test().size(); i++) {
            if (nearest(means, image(splits.test(), i, shape)) == splits.test().label(i)) {
                correct++;
            }
        }

        assertThat((double) correct / splits.test().size()).isGreaterThan(0.95);
    }

    @Test
    void noHeldOutImagesMeansNoValidationOrTestSplit() {
        DatasetSplits splits = load(1, "held_out_per_class", 0);

        assertThat(splits.validation()).isNull();
        assertThat(splits.test()).isNull();
        assertThat(splits.train().size()).isEqualTo(300);
    }

    @Test
    void readsTheSameImageFromManyThreadsAtOnce() {
        DataSource train = load(5).train();
        InputShape shape = InputShape.image(1, 16, 16);
        float[] expected = image(train, 17, shape);

        List<float[]> read = IntStream.range(0, 64).parallel().mapToObj(i -> image(train, 17, shape)).toList();

        assertThat(read).allSatisfy(pixels -> assertThat(pixels).containsExactly(expected));
    }

    private static int nearest(double[][] means, float[] pixels) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < means.length; c++) {
            double distance = 0;
            for (int p = 0; p < pixels.length; p++) {
                double d = pixels[p] - means[c][p];
                distance += d * d;
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = c;
            }
        }
        return best;
    }
}
