package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.cnnworkbench.engine.nd4j.Backend;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** {@code predict} prepares an image file exactly as the training data was, and reports class probabilities. */
class PredictTest {
    @TempDir
    static Path dir;

    private static Path home;
    private static Path image;
    private static byte[] pixels;

    @BeforeAll
    static void trainATinyRunAndWriteATestImageAsPng() throws IOException {
        home = dir.resolve("home");
        Path experiment = ExperimentFile.tiny().withLine(ExperimentFile.EPOCHS, "  epochs: 1").write(dir, "tiny.yaml");
        CliResult run = Cli.inProcess("run", experiment.toString(), "--home", home.toString());
        assertThat(run.exitCode()).as(run.describe()).isZero();

        try (InputStream in = new GZIPInputStream(Files.newInputStream(Cli.sample().resolve("t10k-images-idx3-ubyte.gz")))) {
            in.readNBytes(16);
            pixels = in.readNBytes(28 * 28);
        }
        BufferedImage gray = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < pixels.length; i++) {
            gray.getRaster().setSample(i % 28, i / 28, 0, pixels[i] & 0xff);
        }
        image = dir.resolve("ankle-boot.png");
        ImageIO.write(gray, "png", image.toFile());
    }

    @Test
    void probabilitiesOfAPngEqualTheModelsOutputOnTheSameTestImageFromTheDataset() throws IOException {
        CliResult result = Cli.inProcess("predict", "r1", image.toString(), "--top", "10", "--json", "--home", home.toString());
        assertThat(result.exitCode()).as(result.describe()).isZero();
        JsonNode top = result.json().get("predictions").get(0).get("top");
        assertThat(top).hasSize(10);

        Backend.load();
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(home.resolve("runs/r1/model.zip").toFile(), false);
        float[] input = new float[28 * 28];
        for (int i = 0; i < input.length; i++) {
            input[i] = (pixels[i] & 0xff) / 255f;
        }
        float[] expected = net.output(Nd4j.create(input, new long[] {1, 1, 28, 28}, 'c'), false).toFloatVector();
        double sum = 0;
        for (JsonNode c : top) {
            assertThat(c.get("probability").asDouble()).as(c.toString()).isCloseTo(expected[c.get("index").asInt()], offset(1e-5));
            sum += c.get("probability").asDouble();
        }
        assertThat(sum).isCloseTo(1.0, offset(1e-4));
        assertThat(top.get(0).get("class_name").asText()).isNotBlank();
    }

    @Test
    void textOutputListsTheTopClassesOfEachImage() {
        CliResult result = Cli.inProcess("predict", "r1", image.toString(), image.toString(), "--home", home.toString());

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.out().lines().filter(l -> l.endsWith("ankle-boot.png")).count()).isEqualTo(2);
        assertThat(result.out().lines().filter(l -> l.trim().endsWith("%")).count()).isEqualTo(6);
    }

    @Test
    void aFileThatIsNotAnImageAnUnknownRunAndAMissingFileAreUsageErrors() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image");

        CliResult notImage = Cli.inProcess("predict", "r1", text.toString(), "--home", home.toString());
        CliResult unknownRun = Cli.inProcess("predict", "r99", image.toString(), "--home", home.toString());
        CliResult missing = Cli.inProcess("predict", "r1", dir.resolve("nowhere.png").toString(), "--home", home.toString());

        assertThat(notImage.exitCode()).isEqualTo(2);
        assertThat(notImage.err()).contains("cannot use " + text + " as an image").doesNotContain("\tat ");
        assertThat(unknownRun.exitCode()).isEqualTo(2);
        assertThat(unknownRun.err()).contains("no run 'r99'");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nowhere.png does not exist");
    }
}
