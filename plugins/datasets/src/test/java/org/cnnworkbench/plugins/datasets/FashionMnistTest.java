package org.cnnworkbench.plugins.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.InputShape;
import org.junit.jupiter.api.Test;
import org.cnnworkbench.testkit.TestParams;

/** The real Fashion-MNIST files, where Debian's {@code dataset-fashion-mnist} package installed them. */
class FashionMnistTest {
    private static final Path FOLDER = Path.of("/usr/share/datasets/fashion-mnist");

    @Test
    void loadsTheWholeDatasetWithAStratifiedTenPercentValidation() throws IOException {
        assumeTrue(Files.isDirectory(FOLDER), "dataset-fashion-mnist is not installed");
        IdxDatasetProvider provider = new IdxDatasetProvider();

        DatasetSplits splits = provider.load(TestParams.of(provider,
                "train_images", FOLDER.resolve("train-images-idx3-ubyte.gz"),
                "train_labels", FOLDER.resolve("train-labels-idx1-ubyte.gz"),
                "test_images", FOLDER.resolve("t10k-images-idx3-ubyte.gz"),
                "test_labels", FOLDER.resolve("t10k-labels-idx1-ubyte.gz"),
                "class_names", "T-shirt/top,Trouser,Pullover,Dress,Coat,Sandal,Shirt,Sneaker,Bag,Ankle boot"), 1);

        assertThat(splits.shape()).isEqualTo(InputShape.image(1, 28, 28));
        assertThat(splits.classCount()).isEqualTo(10);
        assertThat(splits.train().size()).isEqualTo(54_000);
        assertThat(splits.test().size()).isEqualTo(10_000);
        // Fashion-MNIST's training set has 6,000 images of each class.
        assertThat(countsPerClass(splits.validation())).containsOnly(600);
        assertThat(splits.digest()).hasSize(64);
        float[] image = new float[28 * 28];
        splits.test().read(0, image, 0);
        for (float value : image) {
            assertThat(value).isBetween(0f, 1f);
        }
    }

    private static int[] countsPerClass(DataSource source) {
        int[] counts = new int[10];
        for (int i = 0; i < source.size(); i++) {
            counts[source.label(i)]++;
        }
        return counts;
    }
}
