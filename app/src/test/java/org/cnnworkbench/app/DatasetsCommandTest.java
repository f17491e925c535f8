package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code workbench datasets make-shapes}: the generated image folder, its refusals, and a real training run on it. */
class DatasetsCommandTest {
    @TempDir
    Path tmp;

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** {@code workbench datasets make-shapes DIR OPTIONS...}, which must succeed. */
    private static CliResult makeShapes(Path dir, String... options) {
        List<String> args = new ArrayList<>(List.of("datasets", "make-shapes", dir.toString()));
        args.addAll(List.of(options));
        CliResult result = Cli.inProcess(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return result;
    }

    @Test
    void makeShapesWritesAFolderOfPngImagesPerClass() throws IOException {
        Path dir = tmp.resolve("shapes");

        CliResult result = makeShapes(dir, "--per-class", "12", "--width", "20", "--height", "14", "--seed", "3");

        assertThat(result.out()).contains("Wrote 36 PNG images of 20x14 to " + dir + ": 12 each in circle/, square/,"
                + " triangle/.", "type: image-folder");
        List<Path> files = files(dir);
        assertThat(files).hasSize(36);
        assertThat(files.get(0)).isEqualTo(dir.resolve("circle/circle_00.png"));
        assertThat(files).contains(dir.resolve("square/square_11.png"), dir.resolve("triangle/triangle_05.png"));
        BufferedImage image = ImageIO.read(dir.resolve("triangle/triangle_05.png").toFile());
        assertThat(image.getWidth()).isEqualTo(20);
        assertThat(image.getHeight()).isEqualTo(14);
    }

    @Test
    void theSameSeedWritesTheSameImages() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        for (Path dir : List.of(a, b)) {
            makeShapes(dir, "--per-class", "3", "--width", "8", "--height", "8", "--seed", "5");
        }
        makeShapes(c, "--per-class", "3", "--width", "8", "--height", "8", "--seed", "6");

        assertThat(Files.readAllBytes(b.resolve("square/square_2.png")))
                .isEqualTo(Files.readAllBytes(a.resolve("square/square_2.png")))
                .isNotEqualTo(Files.readAllBytes(c.resolve("square/square_2.png")));
    }

    @Test
    void refusesAFolderThatIsNotEmptyAndWritesNothing() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("used"));
        Files.writeString(dir.resolve("notes.txt"), "mine");

        CliResult result = Cli.inProcess("datasets", "make-shapes", dir.toString(), "--per-class", "2");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.err()).contains("error: " + dir + " is not empty; make-shapes writes only into a new or empty"
                + " folder").doesNotContain("\tat ");
        assertThat(files(dir)).containsExactly(dir.resolve("notes.txt"));
    }

    @Test
    void refusesSizesAndCountsOutOfRange() {
        CliResult small = Cli.inProcess("datasets", "make-shapes", tmp.resolve("x").toString(), "--width", "2");
        CliResult none = Cli.inProcess("datasets", "make-shapes", tmp.resolve("y").toString(), "--per-class", "0");

        assertThat(small.exitCode()).isEqualTo(2);
        assertThat(small.err()).contains("--width must be between 4 and 1,024, found 2.");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--per-class must be between 1 and 100,000, found 0.");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void helpOfBothCommandsIsAOneLineHeaderThenTheUsage() {
        for (String[] args : List.of(new String[] {"datasets", "--help"}, new String[] {"datasets", "make-shapes", "--help"})) {
            CliResult help = Cli.inProcess(args);

            assertThat(help.exitCode()).as(help.describe()).isZero();
            assertThat(help.outLines().get(1)).as(help.describe()).startsWith("Usage: workbench " + args[0]);
            assertThat(help.out()).contains("-h, --help");
        }
        assertThat(Cli.inProcess("datasets", "make-shapes", "--help").out()).contains("--per-class", "--width", "--height",
                "--seed", "--noise");
        assertThat(Cli.inProcess("--help").out()).contains("datasets");
    }

    @Test
    void datasetsWithoutASubcommandListsMakeShapes() {
        CliResult result = Cli.inProcess("datasets");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("make-shapes", "Write generated circles, squares and triangles");
    }

    @Test
    void smallCnnTrainsOneEpochOnTheGeneratedFolderThroughImageFolderSkippingACorruptFile() throws IOException {
        Path data = tmp.resolve("shapes");
        makeShapes(data, "--per-class", "30", "--width", "32", "--height", "32", "--seed", "1");
        Files.writeString(data.resolve("circle/broken.png"), "not a picture");
        Path experiment = Files.writeString(tmp.resolve("shapes.yaml"), String.join("\n",
                "name: shapes-small-cnn",
                "dataset:",
                "  type: image-folder",
                "  params: {dir: shapes, width: 32, height: 32, validation_split: 0.2, test_split: 0.1}",
                "architecture:",
                "  type: small-cnn",
                "training: {epochs: 1, batch_size: 16, optimizer: adam, learning_rate: 0.001, seed: 7}",
                ""));

        CliResult run = Cli.trainingProcess(Cli.builtInPlugins(), "run", experiment.toString(), "--home",
                tmp.resolve("home").toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains("63 training, 18 validation, 9 test samples", "Epoch 1/1", "Test accuracy ");
        assertThat(run.err()).contains("image-folder: skipped 1 unreadable file of 91 (circle/broken.png)")
                .doesNotContain("\tat ");
    }
}
