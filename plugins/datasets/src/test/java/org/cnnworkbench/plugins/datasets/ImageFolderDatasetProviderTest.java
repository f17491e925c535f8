package org.cnnworkbench.plugins.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.testkit.TestParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetProviderTest {
    private static final int RED = 0xc80a32;

    private final ImageFolderDatasetProvider provider = new ImageFolderDatasetProvider();

    @TempDir
    Path tmp;

    private Params params(Object... values) {
        return TestParams.of(provider, values);
    }

    /** bird: 4 BMP, cat: 4 PNG, dog: 4 JPEG (plus a GIF), each 20x10, a colour per class. */
    private Path animals() throws IOException {
        Path dir = tmp.resolve("animals");
        for (int i = 0; i < 4; i++) {
            ImageFiles.solid(dir.resolve("cat/cat" + i + ".png"), 20, 10, RED);
            ImageFiles.solid(dir.resolve("dog/dog" + i + ".jpg"), 20, 10, 0x00ff00);
            ImageFiles.solid(dir.resolve("bird/bird" + i + ".bmp"), 20, 10, 0x0000ff);
        }
        ImageFiles.solid(dir.resolve("dog/dog9.gif"), 20, 10, 0x00ff00);
        return dir;
    }

    private static float[] sample(DataSource source, int index, InputShape shape) {
        float[] values = new float[shape.size()];
        source.read(index, values, 0);
        return values;
    }

    private static int[] perClass(DataSource source, int classes) {
        return Cifar10DatasetProviderTest.perClass(source, classes);
    }

    @Test
    void classesAreTheSortedSubFolderNamesAndEveryFormatIsRead() throws IOException {
        DatasetSplits splits = provider.load(params("dir", animals(), "validation_split", 0.0), 1);

        assertThat(splits.classNames()).containsExactly("bird", "cat", "dog");
        assertThat(splits.shape()).isEqualTo(InputShape.image(3, 64, 64));
        assertThat(perClass(splits.train(), 3)).containsExactly(4, 4, 5);
        assertThat(splits.validation()).isNull();
        assertThat(splits.test()).isNull();
    }

    @Test
    void resizesToWidthByHeightKeepingASolidColourExact() throws IOException {
        DatasetSplits splits = provider.load(params("dir", animals(), "width", 8, "height", 6, "validation_split", 0.0), 1);

        assertThat(splits.shape()).isEqualTo(InputShape.image(3, 6, 8));
        // Sample 4 is the first cat (PNG, lossless): every pixel of each plane is the colour's channel.
        float[] cat = sample(splits.train(), 4, splits.shape());
        for (int p = 0; p < 48; p++) {
            assertThat(cat[p]).isEqualTo(0xc8 / 255f);
            assertThat(cat[48 + p]).isEqualTo(0x0a / 255f);
            assertThat(cat[96 + p]).isEqualTo(0x32 / 255f);
        }
    }

    @Test
    void upscalesSmallImagesToo() throws IOException {
        Path dir = tmp.resolve("tiny");
        ImageFiles.solid(dir.resolve("a/1.png"), 2, 2, RED);
        ImageFiles.solid(dir.resolve("b/1.png"), 3, 5, 0x102030);

        DatasetSplits splits = provider.load(params("dir", dir, "width", 7, "height", 9, "validation_split", 0.0), 1);

        float[] b = sample(splits.train(), 1, splits.shape());
        assertThat(b).hasSize(3 * 9 * 7);
        assertThat(b[62]).isEqualTo(0x10 / 255f);
        assertThat(b[63 + 62]).isEqualTo(0x20 / 255f);
    }

    @Test
    void grayscaleIsOneChannelOfLuminance() throws IOException {
        Path dir = tmp.resolve("gray");
        ImageFiles.solid(dir.resolve("red/1.png"), 10, 10, RED);
        ImageFiles.grayPng(dir.resolve("mid/1.png"), 10, 10, 128);

        DatasetSplits splits = provider.load(params("dir", dir, "color", "grayscale", "width", 4, "height", 4,
                "validation_split", 0.0), 1);

        assertThat(splits.shape()).isEqualTo(InputShape.image(1, 4, 4));
        // round(0.299 * 200 + 0.587 * 10 + 0.114 * 50) = 71
        assertThat(sample(splits.train(), 1, splits.shape())).containsOnly(71 / 255f);
        // An 8-bit gray PNG keeps its values (ImageIO's getRGB would brighten 128 to 188).
        assertThat(sample(splits.train(), 0, splits.shape())).containsOnly(128 / 255f);
    }

    @Test
    void valuesAreScaledToZeroOne() throws IOException {
        DatasetSplits splits = provider.load(params("dir", animals(), "width", 5, "height", 5), 1);

        for (int i = 0; i < splits.train().size(); i++) {
            for (float v : sample(splits.train(), i, splits.shape())) {
                assertThat(v).isBetween(0f, 1f);
            }
        }
    }

    @Test
    void downscalingAveragesFineDetailInsteadOfAliasing() throws IOException {
        Path dir = tmp.resolve("fine");
        ImageFiles.checkerboard(dir.resolve("board/1.png"), 64);
        ImageFiles.solid(dir.resolve("plain/1.png"), 64, 64, 0);

        DatasetSplits splits = provider.load(params("dir", dir, "width", 8, "height", 8, "color", "grayscale",
                "validation_split", 0.0), 1);

        // Point sampling would give only black or only white; averaging gives mid-grey everywhere.
        for (float v : sample(splits.train(), 0, splits.shape())) {
            assertThat(v).isCloseTo(0.5f, within(0.1f));
        }
    }

    @Test
    void holdsOutStratifiedValidationAndTestShares() throws IOException {
        Path dir = tmp.resolve("ten");
        for (String name : List.of("a", "b")) {
            for (int i = 0; i < 10; i++) {
                ImageFiles.solid(dir.resolve(name + "/" + i + ".png"), 4, 4, i * 20);
            }
        }

        DatasetSplits splits = provider.load(params("dir", dir, "validation_split", 0.2, "test_split", 0.3,
                "width", 4, "height", 4), 3);

        assertThat(perClass(splits.test(), 2)).containsExactly(3, 3);
        assertThat(perClass(splits.validation(), 2)).containsExactly(2, 2);
        assertThat(perClass(splits.train(), 2)).containsExactly(5, 5);
    }

    @Test
    void theSameSeedGivesTheSameSplitAndOtherSeedsOthers() throws IOException {
        Path dir = tmp.resolve("ten");
        for (int i = 0; i < 10; i++) {
            ImageFiles.solid(dir.resolve("a/" + i + ".png"), 4, 4, i * 20 * 0x010101);
            ImageFiles.solid(dir.resolve("b/" + i + ".png"), 4, 4, (i * 20 + 10) * 0x010101);
        }
        Params half = params("dir", dir, "validation_split", 0.5, "width", 4, "height", 4);
        List<String> bySeed = new ArrayList<>();
        for (long seed = 0; seed < 4; seed++) {
            bySeed.add(firstValues(provider.load(half, seed).validation()));
        }

        assertThat(firstValues(provider.load(half, 2).validation())).isEqualTo(bySeed.get(2));
        assertThat(bySeed).doesNotHaveDuplicates();
    }

    private static String firstValues(DataSource source) {
        StringBuilder text = new StringBuilder();
        float[] values = new float[48];
        for (int i = 0; i < source.size(); i++) {
            source.read(i, values, 0);
            text.append(values[0]).append(' ');
        }
        return text.toString();
    }

    @Test
    void skipsACorruptAndATruncatedFileAndKeepsTheRest() throws IOException {
        Path dir = animals();
        ImageFiles.corrupt(dir.resolve("cat/broken.png"));
        ImageFiles.truncatedPng(dir.resolve("dog/half.png"));

        DatasetSplits splits = provider.load(params("dir", dir, "validation_split", 0.0, "width", 8, "height", 8), 1);

        assertThat(perClass(splits.train(), 3)).containsExactly(4, 4, 5);
    }

    @Test
    void strictFailsOnTheFirstUnreadableFilesNamingThemAndWhy() throws IOException {
        Path dir = animals();
        ImageFiles.corrupt(dir.resolve("cat/broken.png"));

        assertThatThrownBy(() -> provider.load(params("dir", dir, "strict", true), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("1 of 14 image files could not be read: cat/broken.png is not a PNG, JPEG, BMP or GIF image."
                        + " Fix or remove it, or set strict: false to skip unreadable files");
    }

    @Test
    void refusesAClassFolderWithoutImagesNamingIt() throws IOException {
        Path dir = animals();
        Files.createDirectories(dir.resolve("empty"));
        Files.writeString(Files.createDirectories(dir.resolve("notes")).resolve("readme.txt"), "no images here");

        assertThatThrownBy(() -> provider.load(params("dir", dir), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("dir: class folder " + dir.resolve("empty") + " has no PNG, JPEG, BMP or GIF images;"
                        + " add images to it or remove it");
        Files.delete(dir.resolve("empty"));
        assertThatThrownBy(() -> provider.load(params("dir", dir), 1))
                .hasMessage("dir: class folder " + dir.resolve("notes") + " has no PNG, JPEG, BMP or GIF images"
                        + " (it has 1 other file, e.g. readme.txt); add images to it or remove it");
    }

    @Test
    void refusesAClassWhoseFilesAreAllUnreadable() throws IOException {
        Path dir = animals();
        ImageFiles.corrupt(dir.resolve("fish/1.png"));
        ImageFiles.corrupt(dir.resolve("fish/2.jpg"));

        assertThatThrownBy(() -> provider.load(params("dir", dir), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("dir: class folder " + dir.resolve("fish") + " has no readable image: all its 2 files could"
                        + " not be decoded; add readable PNG, JPEG, BMP or GIF images to it or remove it");
    }

    @Test
    void refusesAFolderWithoutClassSubFolders() throws IOException {
        Path loose = tmp.resolve("loose");
        ImageFiles.solid(loose.resolve("a.png"), 4, 4, 0);
        ImageFiles.solid(loose.resolve("b.png"), 4, 4, 0);
        Path empty = Files.createDirectories(tmp.resolve("nothing"));

        assertThatThrownBy(() -> provider.load(params("dir", loose), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("dir: " + loose + " has 2 images but no class sub-folders; put each class's images in a"
                        + " sub-folder named for the class (e.g. " + loose.resolve("cat") + ", " + loose.resolve("dog") + ")");
        assertThatThrownBy(() -> provider.load(params("dir", empty), 1))
                .hasMessage("dir: " + empty + " has no class sub-folders and no images; give the folder that holds one"
                        + " sub-folder of images per class (e.g. cat/, dog/)");
    }

    @Test
    void refusesASingleClass() throws IOException {
        Path dir = tmp.resolve("one");
        ImageFiles.solid(dir.resolve("cat/1.png"), 4, 4, 0);

        assertThatThrownBy(() -> provider.load(params("dir", dir), 1))
                .hasMessage("dir: " + dir + " has only one class folder (cat); a classification dataset needs at least 2:"
                        + " add a sub-folder of images for each class");
    }

    @Test
    void ignoresHiddenFilesOtherExtensionsAndMacOsFoldersButReadsNestedFolders() throws IOException {
        Path dir = animals();
        ImageFiles.corrupt(dir.resolve("cat/._cat0.png"));
        ImageFiles.corrupt(dir.resolve("cat/.hidden/x.png"));
        Files.writeString(dir.resolve("cat/Thumbs.db"), "x");
        ImageFiles.corrupt(dir.resolve("__MACOSX/cat/._cat0.png"));
        ImageFiles.corrupt(dir.resolve(".git/x.png"));
        ImageFiles.solid(dir.resolve("cat/more/deep.PNG"), 20, 10, RED);

        DatasetSplits splits = provider.load(params("dir", dir, "validation_split", 0.0, "strict", true,
                "width", 4, "height", 4), 1);

        assertThat(splits.classNames()).containsExactly("bird", "cat", "dog");
        assertThat(perClass(splits.train(), 3)).containsExactly(4, 5, 5);
    }

    @Test
    void limitPerClassKeepsTheFirstFilesByName() throws IOException {
        Path dir = tmp.resolve("limited");
        for (int i = 0; i < 5; i++) {
            ImageFiles.solid(dir.resolve("a/" + i + ".png"), 4, 4, i * 40);
            ImageFiles.solid(dir.resolve("b/" + i + ".png"), 4, 4, i * 40);
        }

        DatasetSplits splits = provider.load(params("dir", dir, "limit_per_class", 2, "validation_split", 0.0,
                "width", 4, "height", 4), 1);

        assertThat(perClass(splits.train(), 2)).containsExactly(2, 2);
        assertThat(sample(splits.train(), 1, splits.shape())[47]).isEqualTo(40 / 255f);
    }

    @Test
    void separateFoldersGiveTheirOwnPartsAndAMissingOneIsHeldOutOfTraining() throws IOException {
        Path root = tmp.resolve("split");
        for (String name : List.of("a", "b")) {
            for (int i = 0; i < 10; i++) {
                ImageFiles.solid(root.resolve("train/" + name + "/" + i + ".png"), 4, 4, i);
            }
            ImageFiles.solid(root.resolve("val/" + name + "/v.png"), 4, 4, 0);
            ImageFiles.solid(root.resolve("val/" + name + "/w.png"), 4, 4, 0);
        }

        DatasetSplits splits = provider.load(params("train_dir", root.resolve("train"), "validation_dir",
                root.resolve("val"), "validation_split", 0.5, "test_split", 0.2, "width", 4, "height", 4), 1);

        assertThat(splits.validation().size()).as("validation_split is ignored with validation_dir").isEqualTo(4);
        assertThat(perClass(splits.test(), 2)).containsExactly(2, 2);
        assertThat(perClass(splits.train(), 2)).containsExactly(8, 8);
    }

    @Test
    void separateFoldersMustHaveTheSameClassFolders() throws IOException {
        Path root = tmp.resolve("split");
        for (String name : List.of("cat", "dog")) {
            ImageFiles.solid(root.resolve("train/" + name + "/1.png"), 4, 4, 0);
        }
        ImageFiles.solid(root.resolve("test/cat/1.png"), 4, 4, 0);
        ImageFiles.solid(root.resolve("test/horse/1.png"), 4, 4, 0);

        assertThatThrownBy(() -> provider.load(params("train_dir", root.resolve("train"), "test_dir",
                root.resolve("test")), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("test_dir: the class folders of " + root.resolve("test") + " differ from those of train_dir ("
                        + root.resolve("train") + "): missing in test_dir: dog; not in train_dir: horse. Every folder"
                        + " needs the same class sub-folders, so that labels mean the same classes");
    }

    @Test
    void needsExactlyOneOfDirAndTrainDir() throws IOException {
        Path dir = animals();

        assertThatThrownBy(() -> provider.load(params(), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("no image folder given; give dir (one folder with a sub-folder of images per class) or"
                        + " train_dir (with validation_dir and test_dir if you have them)");
        assertThatThrownBy(() -> provider.load(params("dir", dir, "train_dir", dir), 1))
                .hasMessageStartingWith("dir and train_dir are both given;");
        assertThatThrownBy(() -> provider.load(params("dir", dir, "test_dir", dir), 1))
                .hasMessage("test_dir is given with dir; with dir, validation_split and test_split hold parts out of it."
                        + " For separate folders give train_dir instead of dir");
    }

    @Test
    void refusesAFileGivenAsAFolder() throws IOException {
        Path file = ImageFiles.solid(tmp.resolve("x.png"), 4, 4, 0);

        assertThatThrownBy(() -> provider.load(params("train_dir", file), 1))
                .hasMessage("train_dir: " + file + " is a file, not a folder; give the folder that holds one sub-folder"
                        + " of images per class (e.g. cat/, dog/)");
    }

    @Test
    void refusesSharesThatLeaveNoTrainingImage() throws IOException {
        assertThatThrownBy(() -> provider.load(params("dir", animals(), "validation_split", 0.5, "test_split", 0.5), 1))
                .hasMessage("validation_split 0.5 and test_split 0.5 add up to 1.00, which leaves no images for training;"
                        + " keep their sum below 1 (e.g. 0.1 and 0.1)");
    }

    @Test
    void withoutCacheTheSamplesAreTheSameDecodedWhenRead() throws IOException {
        Path dir = animals();
        ImageFiles.corrupt(dir.resolve("cat/broken.png"));
        Params cached = params("dir", dir, "width", 9, "height", 7, "test_split", 0.25);
        Params lazy = params("dir", dir, "width", 9, "height", 7, "test_split", 0.25, "cache", "none");

        DatasetSplits memory = provider.load(cached, 4);
        DatasetSplits files = provider.load(lazy, 4);

        assertThat(files.digest()).isEqualTo(memory.digest());
        for (DataSource[] pair : new DataSource[][] {{memory.train(), files.train()}, {memory.validation(),
                files.validation()}, {memory.test(), files.test()}}) {
            assertThat(pair[1].size()).isEqualTo(pair[0].size());
            for (int i = 0; i < pair[0].size(); i++) {
                assertThat(pair[1].label(i)).isEqualTo(pair[0].label(i));
                assertThat(sample(pair[1], i, files.shape())).containsExactly(sample(pair[0], i, memory.shape()));
            }
        }
    }

    @Test
    void withoutCacheAFileThatBreaksAfterLoadingFailsWhenRead() throws IOException {
        Path dir = animals();
        DatasetSplits splits = provider.load(params("dir", dir, "cache", "none", "validation_split", 0.0), 1);
        Path first = dir.resolve("bird/bird0.bmp");
        ImageFiles.corrupt(first);

        assertThatThrownBy(() -> sample(splits.train(), 0, splits.shape()))
                .isInstanceOf(PluginInputException.class)
                .hasMessageStartingWith("image-folder: " + first + " is not a PNG, JPEG, BMP or GIF image, though it"
                        + " could when the dataset was loaded");
    }

    @Test
    void digestChangesWithAnyFileAndNotWithTheSettings() throws IOException {
        Path dir = animals();
        String digest = provider.load(params("dir", dir), 1).digest();

        assertThat(digest).hasSize(64);
        assertThat(provider.load(params("dir", dir, "width", 8, "height", 8), 2).digest()).isEqualTo(digest);
        ImageFiles.solid(dir.resolve("cat/cat0.png"), 20, 10, 0x010101);
        assertThat(provider.load(params("dir", dir), 1).digest()).isNotEqualTo(digest);
    }

    @Test
    void declaresItsParameters() {
        assertThat(provider.id()).isEqualTo("image-folder");
        assertThat(provider.parameters()).extracting(spec -> spec.name()).containsExactly("dir", "train_dir",
                "validation_dir", "test_dir", "validation_split", "test_split", "width", "height", "color", "cache",
                "strict", "limit_per_class");
        assertThat(Arrays.asList(provider.parameters().get(6).min(), provider.parameters().get(6).max()))
                .containsExactly(4.0, 4096.0);
    }
}
