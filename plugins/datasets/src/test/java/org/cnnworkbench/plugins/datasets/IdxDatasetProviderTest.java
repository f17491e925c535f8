package org.cnnworkbench.plugins.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.PluginInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.cnnworkbench.testkit.TestParams;

class IdxDatasetProviderTest {
    private final IdxDatasetProvider provider = new IdxDatasetProvider();

    @TempDir
    Path dir;

    private Params params(Object... overrides) {
        return TestParams.of(provider, overrides);
    }

    /** 20 training images of 4x3 with labels cycling over 4 classes. */
    private Params trainOnly(boolean gzip, Object... more) throws IOException {
        Path images = IdxFiles.images(dir.resolve("train-images"), 20, 4, 3, gzip);
        Path labels = IdxFiles.labels(dir.resolve("train-labels"), IdxFiles.cycling(20, 4), gzip);
        List<Object> values = new ArrayList<>(List.of("train_images", images, "train_labels", labels));
        values.addAll(Arrays.asList(more));
        return params(values.toArray());
    }

    private static List<Integer> labels(DataSource source) {
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            labels.add(source.label(i));
        }
        return labels;
    }

    @Test
    void loadsGzipFilesAsScaledGrayscaleImages() throws IOException {
        DatasetSplits splits = provider.load(trainOnly(true, "validation_split", 0.0), 1);

        assertThat(splits.shape()).isEqualTo(InputShape.image(1, 4, 3));
        assertThat(splits.classNames()).containsExactly("0", "1", "2", "3");
        assertThat(splits.validation()).isNull();
        assertThat(splits.test()).isNull();
        DataSource train = splits.train();
        assertThat(train.size()).isEqualTo(20);
        assertThat(train.label(5)).isEqualTo(1);
        float[] sample = new float[14];
        train.read(5, sample, 2);
        assertThat(sample[0]).isZero();
        for (int p = 0; p < 12; p++) {
            assertThat(sample[2 + p]).isEqualTo(IdxFiles.pixel(5, p) / 255f);
        }
    }

    @Test
    void loadsRawFilesTheSameWay() throws IOException {
        DatasetSplits gzip = provider.load(trainOnly(true, "validation_split", 0.0), 1);
        DataSource raw = provider.load(trainOnly(false, "validation_split", 0.0), 1).train();

        float[] fromGzip = new float[12];
        float[] fromRaw = new float[12];
        gzip.train().read(19, fromGzip, 0);
        raw.read(19, fromRaw, 0);
        assertThat(fromRaw).containsExactly(fromGzip);
        assertThat(labels(raw)).isEqualTo(labels(gzip.train()));
    }

    @Test
    void tellsGzipByItsMagicBytesNotByTheFileName() throws IOException {
        Path rawNamedGz = IdxFiles.images(dir.resolve("images.gz"), 6, 2, 2, false);
        Path gzipNamedRaw = IdxFiles.labels(dir.resolve("labels-idx1-ubyte"), IdxFiles.cycling(6, 2), true);

        DatasetSplits splits = provider.load(params("train_images", rawNamedGz, "train_labels", gzipNamedRaw,
                "validation_split", 0.0), 1);

        assertThat(labels(splits.train())).containsExactly(0, 1, 0, 1, 0, 1);
    }

    @Test
    void readsTestFilesAndKeepsTheFirstSamplesWithinLimits() throws IOException {
        Path testImages = IdxFiles.images(dir.resolve("t10k-images"), 8, 4, 3, true);
        Path testLabels = IdxFiles.labels(dir.resolve("t10k-labels"), new int[] {3, 2, 1, 0, 3, 2, 1, 0}, true);

        DatasetSplits splits = provider.load(trainOnly(true, "test_images", testImages, "test_labels", testLabels,
                "validation_split", 0.0, "train_limit", 10, "test_limit", 3), 1);

        assertThat(labels(splits.train())).containsExactly(0, 1, 2, 3, 0, 1, 2, 3, 0, 1);
        assertThat(labels(splits.test())).containsExactly(3, 2, 1);
        float[] sample = new float[12];
        splits.test().read(2, sample, 0);
        assertThat(sample[11]).isEqualTo(IdxFiles.pixel(2, 11) / 255f);
    }

    @Test
    void splitsValidationOffByClassWithTheDefaultShare() throws IOException {
        DatasetSplits splits = provider.load(trainOnly(true), 42);

        // 20 samples, 5 per class: 10 % is 2 samples, from the two classes drawn for the rounding.
        assertThat(splits.validation().size()).isEqualTo(2);
        assertThat(splits.train().size()).isEqualTo(18);
        assertThat(labels(splits.validation())).doesNotHaveDuplicates();
    }

    @Test
    void sameSeedGivesTheSameSplitAndAnotherSeedAnotherOne() throws IOException {
        Params half = trainOnly(false, "validation_split", 0.5);
        float[] first = new float[12];
        float[] again = new float[12];

        DataSource a = provider.load(half, 7).validation();
        DataSource b = provider.load(half, 7).validation();
        List<String> bySeed = new ArrayList<>();
        for (long seed = 0; seed < 5; seed++) {
            bySeed.add(firstPixels(provider.load(half, seed).validation()));
        }

        assertThat(labels(a)).isEqualTo(labels(b));
        for (int i = 0; i < a.size(); i++) {
            a.read(i, first, 0);
            b.read(i, again, 0);
            assertThat(again).containsExactly(first);
        }
        assertThat(bySeed).doesNotHaveDuplicates();
    }

    private static String firstPixels(DataSource source) {
        StringBuilder text = new StringBuilder();
        float[] sample = new float[12];
        for (int i = 0; i < source.size(); i++) {
            source.read(i, sample, 0);
            text.append(sample[0]).append(' ');
        }
        return text.toString();
    }

    @Test
    void separateValidationFilesReplaceTheSplit() throws IOException {
        Path images = IdxFiles.images(dir.resolve("val-images"), 6, 4, 3, false);
        Path labels = IdxFiles.labels(dir.resolve("val-labels"), IdxFiles.cycling(6, 3), false);

        DatasetSplits splits = provider.load(trainOnly(true, "validation_images", images,
                "validation_labels", labels, "validation_split", 0.5), 1);

        assertThat(splits.train().size()).isEqualTo(20);
        assertThat(labels(splits.validation())).containsExactly(0, 1, 2, 0, 1, 2);
    }

    @Test
    void usesTheGivenClassNames() throws IOException {
        DatasetSplits splits = provider.load(trainOnly(true, "class_names", "T-shirt, Trouser,Pullover,Dress ,Coat"), 1);

        assertThat(splits.classNames()).containsExactly("T-shirt", "Trouser", "Pullover", "Dress", "Coat");
    }

    @Test
    void refusesClassNamesThatDoNotCoverEveryLabel() throws IOException {
        Params params = trainOnly(true, "class_names", "a,b,c");

        assertThatThrownBy(() -> provider.load(params, 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("class_names: 3 names given, but train_labels (" + dir.resolve("train-labels")
                        + ") has label 3; labels count from 0, so give at least 4 names");
    }

    @Test
    void refusesRepeatedOrEmptyClassNames() throws IOException {
        assertThatThrownBy(() -> provider.load(trainOnly(true, "class_names", "a,b,a,c"), 1))
                .hasMessage("class_names: 'a' appears twice in 'a,b,a,c'; class names must be unique");
        assertThatThrownBy(() -> provider.load(trainOnly(true, "class_names", "a,,b,c"), 1))
                .hasMessageContaining("has an empty name");
    }

    @Test
    void refusesLabelsAndImagesOfDifferentCounts() throws IOException {
        Path images = IdxFiles.images(dir.resolve("images.gz"), 5, 2, 2, true);
        Path labels = IdxFiles.labels(dir.resolve("labels.gz"), IdxFiles.cycling(6, 2), true);

        assertThatThrownBy(() -> provider.load(params("train_images", images, "train_labels", labels), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("train_labels: " + labels + " has 6 labels but train_images has 5 images;"
                        + " give the label file that belongs to images.gz");
    }

    @Test
    void refusesSwappedImageAndLabelFiles() throws IOException {
        Path images = IdxFiles.images(dir.resolve("images"), 4, 2, 2, true);
        Path labels = IdxFiles.labels(dir.resolve("labels"), IdxFiles.cycling(4, 2), true);

        assertThatThrownBy(() -> provider.load(params("train_images", labels, "train_labels", images), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("train_images: " + labels + " is an IDX label file (magic number 2049), but an IDX"
                        + " image file (magic number 2051) was expected; check that the image and label files"
                        + " are not swapped");
    }

    @Test
    void refusesAFileThatIsNotIdx() throws IOException {
        Path png = IdxFiles.write(dir.resolve("digit.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10},
                false);
        Path labels = IdxFiles.labels(dir.resolve("labels"), IdxFiles.cycling(4, 2), false);

        assertThatThrownBy(() -> provider.load(params("train_images", png, "train_labels", labels), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("train_images: " + png + " starts with magic number -1991225785 (0x89504e47), but an"
                        + " IDX image file starts with 2051 (0x00000803); is it an IDX file?");
    }

    @Test
    void refusesATruncatedFile() throws IOException {
        byte[] whole = Files.readAllBytes(IdxFiles.images(dir.resolve("whole"), 4, 3, 3, false));
        Path cut = IdxFiles.write(dir.resolve("cut.gz"), Arrays.copyOf(whole, whole.length - 5), true);
        Path labels = IdxFiles.labels(dir.resolve("labels"), IdxFiles.cycling(4, 2), false);

        assertThatThrownBy(() -> provider.load(params("train_images", cut, "train_labels", labels), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("train_images: " + cut + " ends before the 4 images of 3x3 its header announces;"
                        + " the file is truncated, download it again");
    }

    @Test
    void refusesATruncatedFileUnderALimitNamingTheSamplesItNeeded() throws IOException {
        byte[] whole = Files.readAllBytes(IdxFiles.images(dir.resolve("whole"), 4, 3, 3, false));
        Path cut = IdxFiles.write(dir.resolve("cut"), Arrays.copyOf(whole, 16 + 9 + 4), false);
        Path labels = IdxFiles.labels(dir.resolve("labels"), IdxFiles.cycling(4, 2), false);

        assertThatThrownBy(() -> provider.load(params("train_images", cut, "train_labels", labels,
                "train_limit", 2), 1))
                .hasMessage("train_images: " + cut + " ends before the first 2 of the 4 images of 3x3 its header"
                        + " announces; the file is truncated, download it again");
    }

    @Test
    void refusesAnEmptyFileAndABrokenGzipFile() throws IOException {
        Path empty = IdxFiles.write(dir.resolve("empty"), new byte[0], false);
        Path broken = IdxFiles.write(dir.resolve("broken.gz"), new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}, false);
        Path labels = IdxFiles.labels(dir.resolve("labels"), IdxFiles.cycling(4, 2), false);

        assertThatThrownBy(() -> provider.load(params("train_images", empty, "train_labels", labels), 1))
                .hasMessage("train_images: " + empty + " is too short for an IDX header (0 bytes); an IDX header alone is 8 to 16 bytes");
        assertThatThrownBy(() -> provider.load(params("train_images", broken, "train_labels", labels), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessageStartingWith("train_images: " + broken + " starts like a gzip file but is not a valid one");
    }

    @Test
    void namesTheParameterAndPathOfAMissingFile() throws IOException {
        Path labels = IdxFiles.labels(dir.resolve("labels"), IdxFiles.cycling(4, 2), false);
        Path missing = dir.resolve("no-such-images.gz");

        assertThatThrownBy(() -> provider.load(params("train_images", missing, "train_labels", labels), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessageStartingWith("train_images: file not found: " + missing);
    }

    @Test
    void refusesHalfAPairOfFiles() throws IOException {
        Path testImages = IdxFiles.images(dir.resolve("t10k-images"), 4, 4, 3, true);

        assertThatThrownBy(() -> provider.load(trainOnly(true, "test_images", testImages), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("test_images is given but test_labels is not; give both files or neither");
    }

    @Test
    void refusesSplitsWithImagesOfAnotherSize() throws IOException {
        Path testImages = IdxFiles.images(dir.resolve("t10k-images"), 4, 5, 5, true);
        Path testLabels = IdxFiles.labels(dir.resolve("t10k-labels"), IdxFiles.cycling(4, 2), true);

        assertThatThrownBy(() -> provider.load(trainOnly(true, "test_images", testImages, "test_labels", testLabels), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("test_images: " + testImages + " has images of 5x5 but train_images has 4x3;"
                        + " all splits must have images of one size");
    }

    @Test
    void refusesASingleClass() throws IOException {
        Path images = IdxFiles.images(dir.resolve("images"), 4, 2, 2, false);
        Path labels = IdxFiles.labels(dir.resolve("labels"), new int[4], false);

        assertThatThrownBy(() -> provider.load(params("train_images", images, "train_labels", labels), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("has only label 0")
                .hasMessageContaining("at least 2 classes");
    }

    @Test
    void refusesASplitThatLeavesAPartEmpty() throws IOException {
        Params params = trainOnly(true, "train_limit", 4, "validation_split", 0.1);

        assertThatThrownBy(() -> provider.load(params, 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("validation_split: 0.1 of 4 training samples leaves no validation sample; choose a value"
                        + " in (0, 0.9] that gives both parts at least one sample, or 0 for no validation");
    }

    @Test
    void digestIsTheSha256OfTheWholeFilesRead() throws Exception {
        Params params = trainOnly(true, "train_limit", 3, "validation_split", 0.0);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(Files.readAllBytes(dir.resolve("train-images")));
        sha.update(Files.readAllBytes(dir.resolve("train-labels")));

        String digest = provider.load(params, 1).digest();

        assertThat(digest).isEqualTo(HexFormat.of().formatHex(sha.digest()));
        IdxFiles.labels(dir.resolve("train-labels"), IdxFiles.cycling(20, 3), true);
        assertThat(provider.load(params, 1).digest()).isNotEqualTo(digest);
    }

    @Test
    void declaresItsParameters() {
        assertThat(provider.id()).isEqualTo("idx");
        assertThat(provider.parameters()).extracting(spec -> spec.name()).containsExactly("train_images",
                "train_labels", "test_images", "test_labels", "validation_images", "validation_labels",
                "validation_split", "class_names", "train_limit", "test_limit");
    }
}
