package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code workbench augment-preview}: the quickstart's first training images beside their augmented
 * variants, as a PNG of the documented layout; the same grid for the same seed; and a user's
 * mistakes as one message with exit code 2.
 */
class AugmentPreviewTest {
    /** 28×28 Fashion-MNIST enlarged ×4: cells of 112 px, 2 px gutters, 8 px after the originals. */
    private static final int CELL = 112;

    @TempDir
    Path dir;

    private String quickstart() {
        return Cli.root().resolve("experiments/quickstart.yaml").toString();
    }

    private String home() {
        return dir.resolve("home").toString();
    }

    @Test
    void writesAGridOfTheFirstTrainingSamplesEachBesideThreeVariants() throws IOException {
        Path grid = dir.resolve("grid.png");

        CliResult result = Cli.inProcess("augment-preview", quickstart(), "--out", grid.toString(), "--home", home());

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.out()).contains("Wrote " + grid, "16 training samples of 'quickstart'", "3 variants of horizontal-flip");
        BufferedImage image = ImageIO.read(grid.toFile());
        assertThat(image).as("a PNG at %s", grid).isNotNull();
        assertThat(image.getWidth()).isEqualTo(2 + CELL + 8 + 3 * (CELL + 2));
        assertThat(image.getHeight()).isEqualTo(2 + 16 * (CELL + 2));
        assertThat(isGrey(image.getRGB(2 + CELL / 2, 2 + CELL / 2))).as("Fashion-MNIST is drawn in grey levels").isTrue();
    }

    @Test
    void theSameFileAndSeedGiveTheSameGridAndSamplesSetTheRows() throws IOException {
        Path first = dir.resolve("first.png");
        Path again = dir.resolve("again.png");
        Path few = dir.resolve("few/rows.png");

        Cli.inProcess("augment-preview", quickstart(), "--out", first.toString(), "--home", home());
        Cli.inProcess("augment-preview", quickstart(), "--out", again.toString(), "--home", home());
        CliResult three = Cli.inProcess("augment-preview", quickstart(), "--out", few.toString(), "--samples", "3", "--home", home());

        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(first));
        assertThat(three.exitCode()).as(three.describe()).isZero();
        assertThat(ImageIO.read(few.toFile()).getHeight()).isEqualTo(2 + 3 * (CELL + 2));
    }

    @Test
    void aFileWithoutAugmentationsIsAUserMistake() {
        Path experiment = ExperimentFile.tiny().write(dir, "tiny.yaml");
        Path grid = dir.resolve("grid.png");

        CliResult result = Cli.inProcess("augment-preview", experiment.toString(), "--out", grid.toString(), "--home", home());

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.err()).contains("error: " + experiment + " has no 'augmentations:' section", "type: rotation")
                .doesNotContain("Exception", "\tat ");
        assertThat(grid).doesNotExist();
    }

    @Test
    void anOutputThatCannotBeWrittenIsAUserMistake() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
        Path folder = Files.createDirectories(dir.resolve("a-folder"));

        CliResult underAFile = Cli.inProcess("augment-preview", quickstart(), "--out", notAFolder.resolve("grid.png").toString(),
                "--home", home());
        CliResult intoAFolder = Cli.inProcess("augment-preview", quickstart(), "--out", folder.toString(), "--home", home());

        assertThat(underAFile.exitCode()).as(underAFile.describe()).isEqualTo(2);
        assertThat(underAFile.err()).contains("cannot write the preview to --out " + notAFolder.resolve("grid.png"),
                notAFolder + " exists and is not a folder").doesNotContain("\tat ");
        assertThat(intoAFolder.exitCode()).as(intoAFolder.describe()).isEqualTo(2);
        assertThat(intoAFolder.err()).contains("--out " + folder + " is a folder; give a file name");
        assertThat(folder.toFile().list()).isEmpty();
    }

    @Test
    void samplesOutOfRangeIsAUserMistake() {
        CliResult result = Cli.inProcess("augment-preview", quickstart(), "--out", dir.resolve("g.png").toString(),
                "--samples", "0", "--home", home());

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.err()).contains("--samples is 0, out of range: allowed [1, 1024]");
    }

    @Test
    void helpHasAOneLineHeader() {
        CliResult result = Cli.inProcess("augment-preview", "--help");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.outLines().get(1)).startsWith("Usage: workbench augment-preview");
    }

    private static boolean isGrey(int rgb) {
        int r = rgb >> 16 & 0xFF;
        int g = rgb >> 8 & 0xFF;
        int b = rgb & 0xFF;
        return r == g && g == b;
    }
}
