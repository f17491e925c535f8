package org.cnnworkbench.plugins.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.testkit.TestParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10DatasetProviderTest {
    private final Cifar10DatasetProvider provider = new Cifar10DatasetProvider();

    @TempDir
    Path tmp;

    private Path folder() throws IOException {
        return CifarFixture.cifar10(tmp.resolve("cifar-10-batches-bin"), 6, 4);
    }

    private Params params(Object... values) {
        return TestParams.of(provider, values);
    }

    static List<Integer> labels(DataSource source) {
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            labels.add(source.label(i));
        }
        return labels;
    }

    static int[] perClass(DataSource source, int classes) {
        int[] counts = new int[classes];
        for (int i = 0; i < source.size(); i++) {
            counts[source.label(i)]++;
        }
        return counts;
    }

    @Test
    void readsTheFiveTrainingBatchesAndTheTestBatchAsScaledRgbImagesInFileOrder() throws IOException {
        DatasetSplits splits = provider.load(params("dir", folder(), "validation_split", 0.0), 1);

        assertThat(splits.shape()).isEqualTo(InputShape.image(3, 32, 32));
        assertThat(splits.classNames()).containsExactly("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
                "horse", "ship", "truck");
        assertThat(splits.validation()).isNull();
        assertThat(splits.train().size()).isEqualTo(30);
        assertThat(labels(splits.train())).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
                0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(labels(splits.test())).containsExactly(9, 8, 7, 6);
        float[] sample = new float[3072 + 1];
        // Sample 8 is record 2 of data_batch_2.bin (seed 2); the file's R, G, B planes are already CHW.
        splits.train().read(8, sample, 1);
        for (int p = 0; p < 3072; p++) {
            assertThat(sample[1 + p]).isEqualTo(CifarFixture.pixel(2, 2, p) / 255f);
        }
        splits.test().read(3, sample, 0);
        assertThat(sample[3071]).isEqualTo(CifarFixture.pixel(0, 3, 3071) / 255f);
    }

    @Test
    void holdsOutAStratifiedSeededValidationShareOfTheTrainingFiles() throws IOException {
        DatasetSplits splits = provider.load(params("dir", folder(), "validation_split", 0.34), 5);

        // 30 samples, 3 per class: 0.34 of each class is 1.02, so one sample of every class.
        assertThat(perClass(splits.validation(), 10)).containsOnly(1);
        assertThat(perClass(splits.train(), 10)).containsOnly(2);
        assertThat(labels(provider.load(params("dir", folder(), "validation_split", 0.34), 5).validation()))
                .isEqualTo(labels(splits.validation()));
    }

    @Test
    void theSameSeedGivesTheSameValidationImagesAndAnotherSeedOthers() throws IOException {
        Path dir = folder();
        List<String> bySeed = new ArrayList<>();
        for (long seed = 0; seed < 4; seed++) {
            bySeed.add(firstValues(provider.load(params("dir", dir, "validation_split", 0.5), seed).validation()));
        }
        String again = firstValues(provider.load(params("dir", dir, "validation_split", 0.5), 2).validation());

        assertThat(again).isEqualTo(bySeed.get(2));
        assertThat(bySeed).doesNotHaveDuplicates();
    }

    static String firstValues(DataSource source) {
        StringBuilder text = new StringBuilder();
        float[] sample = new float[3072];
        for (int i = 0; i < source.size(); i++) {
            source.read(i, sample, 0);
            text.append(sample[0]).append(' ');
        }
        return text.toString();
    }

    @Test
    void keepsTheFirstRecordsWithinTheLimitsAcrossFiles() throws IOException {
        DatasetSplits splits = provider.load(params("dir", folder(), "validation_split", 0.0,
                "train_limit", 8, "test_limit", 3), 1);

        assertThat(labels(splits.train())).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(labels(splits.test())).containsExactly(9, 8, 7);
        float[] sample = new float[3072];
        splits.train().read(7, sample, 0);
        assertThat(sample[5]).isEqualTo(CifarFixture.pixel(2, 1, 5) / 255f);
    }

    @Test
    void takesClassNamesFromBatchesMetaTxt() throws IOException {
        Path dir = folder();
        Files.writeString(dir.resolve("batches.meta.txt"), "a0\na1\na2\na3\na4\na5\na6\na7\na8\na9\n\n");

        assertThat(provider.load(params("dir", dir), 1).classNames()).containsExactly("a0", "a1", "a2", "a3", "a4",
                "a5", "a6", "a7", "a8", "a9");
    }

    @Test
    void givenClassNamesComeBeforeTheMetaFileAndMustBeTen() throws IOException {
        Path dir = folder();
        Files.writeString(dir.resolve("batches.meta.txt"), "x\n");
        String ten = "p, q, r, s, t, u, v, w, x, y";

        assertThat(provider.load(params("dir", dir, "class_names", ten), 1).classNames()).startsWith("p", "q");
        assertThatThrownBy(() -> provider.load(params("dir", dir, "class_names", "a,b,c"), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("class_names: 3 names given, but CIFAR-10 has 10 classes (labels 0 to 9); give 10 names"
                        + " in label order");
        assertThatThrownBy(() -> provider.load(params("dir", dir), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage(dir.resolve("batches.meta.txt") + " lists 1 class names, but CIFAR-10 has 10; restore the"
                        + " file from the dataset's archive, or give class_names");
    }

    @Test
    void namesEveryMissingFileAndWhereToGetTheData() throws IOException {
        Path dir = folder();
        Files.delete(dir.resolve("data_batch_3.bin"));
        Files.delete(dir.resolve("test_batch.bin"));

        assertThatThrownBy(() -> provider.load(params("dir", dir), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("dir: " + dir + " has no data_batch_3.bin, test_batch.bin; CIFAR-10's binary version has"
                        + " data_batch_1.bin, data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin,"
                        + " test_batch.bin. Get cifar-10-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html,"
                        + " extract it, and give the folder cifar-10-batches-bin as dir");
    }

    @Test
    void pointsAtTheExtractedFolderWhenGivenItsParent() throws IOException {
        folder();

        assertThatThrownBy(() -> provider.load(params("dir", tmp), 1))
                .hasMessageContaining("It has a sub-folder cifar-10-batches-bin: give that folder as dir.");
    }

    @Test
    void recognisesCifar100Files() throws IOException {
        Path dir = CifarFixture.cifar100(tmp.resolve("c100"), 4, 2);

        assertThatThrownBy(() -> provider.load(params("dir", dir), 1))
                .hasMessageContaining("It holds train.bin: it looks like CIFAR-100, use type: cifar100.");
    }

    @Test
    void refusesAFileWhoseSizeIsNotWholeRecords() throws IOException {
        Path dir = folder();
        byte[] bytes = Files.readAllBytes(dir.resolve("data_batch_4.bin"));
        Files.write(dir.resolve("data_batch_4.bin"), java.util.Arrays.copyOf(bytes, bytes.length - 1));

        assertThatThrownBy(() -> provider.load(params("dir", dir), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("dir: data_batch_4.bin in " + dir + " has 18,437 bytes, not a positive multiple of 3,073"
                        + " (a CIFAR-10 record is 1 label byte + 3,072 pixel bytes); the file is truncated or not"
                        + " CIFAR-10's binary version: download cifar-10-binary.tar.gz again");
    }

    @Test
    void refusesAnEmptyFile() throws IOException {
        Path dir = folder();
        Files.write(dir.resolve("test_batch.bin"), new byte[0]);

        assertThatThrownBy(() -> provider.load(params("dir", dir), 1))
                .hasMessageStartingWith("dir: test_batch.bin in " + dir + " has 0 bytes, not a positive multiple of 3,073");
    }

    @Test
    void refusesALabelAboveNine() throws IOException {
        Path dir = folder();
        CifarFixture.write(dir.resolve("data_batch_2.bin"), 2, new int[][] {{1}, {12}});

        assertThatThrownBy(() -> provider.load(params("dir", dir), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("dir: data_batch_2.bin in " + dir + ": record 2 has label 12, but CIFAR-10 labels are 0 to 9;"
                        + " the file is not CIFAR-10's binary version");
    }

    @Test
    void refusesAFileGivenAsTheFolder() throws IOException {
        Path file = folder().resolve("test_batch.bin");

        assertThatThrownBy(() -> provider.load(params("dir", file), 1))
                .hasMessage("dir: " + file + " is a file, not a folder; give the folder cifar-10-batches-bin that"
                        + " cifar-10-binary.tar.gz extracts to");
    }

    @Test
    void refusesAValidationShareThatLeavesNoValidationSample() throws IOException {
        assertThatThrownBy(() -> provider.load(params("dir", folder(), "train_limit", 3, "validation_split", 0.1), 1))
                .hasMessage("validation_split: 0.1 of 3 training samples leaves no validation sample; choose a value in"
                        + " (0, 0.9] that gives both parts at least one sample, or 0 for no validation");
    }

    @Test
    void digestIsTheSha256OfTheSixFilesTrainingFirst() throws Exception {
        Path dir = folder();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String name : List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                "data_batch_5.bin", "test_batch.bin")) {
            sha.update(Files.readAllBytes(dir.resolve(name)));
        }

        assertThat(provider.load(params("dir", dir, "train_limit", 2, "validation_split", 0.0), 1).digest())
                .isEqualTo(HexFormat.of().formatHex(sha.digest()));
    }

    @Test
    void declaresItsParametersAndSaysWhereToGetTheData() {
        assertThat(provider.id()).isEqualTo("cifar10");
        assertThat(provider.parameters()).extracting(spec -> spec.name())
                .containsExactly("dir", "validation_split", "class_names", "train_limit", "test_limit");
        assertThat(provider.parameters().get(0).description())
                .contains("data_batch_1.bin", "test_batch.bin", "https://www.cs.toronto.edu/~kriz/cifar.html");
    }
}
