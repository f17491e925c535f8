package org.cnnworkbench.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.cnnworkbench.engine.nd4j.Backend;
import org.cnnworkbench.engine.network.Network;

/**
 * A PNG of seeded random RGB pixels, for predict tests, with the values the network sees for it:
 * channels x height x width, scaled to [0, 1].
 */
record NoiseImage(Path file, float[] pixels) {

    /** Writes a {@code side} x {@code side} PNG of noise drawn from {@code seed} to {@code file}. */
    static NoiseImage write(Path file, int side, long seed) throws IOException {
        BufferedImage rgb = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        int plane = side * side;
        float[] pixels = new float[3 * plane];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int r = random.nextInt(256);
                int g = random.nextInt(256);
                int b = random.nextInt(256);
                rgb.setRGB(x, y, (r << 16) | (g << 8) | b);
                pixels[y * side + x] = r / 255f;
                pixels[plane + y * side + x] = g / 255f;
                pixels[2 * plane + y * side + x] = b / 255f;
            }
        }
        ImageIO.write(rgb, "png", file.toFile());
        return new NoiseImage(file, pixels);
    }

    /** {@code predict --json --top top} of this image with run {@code runId}'s model (in this JVM); it must exit 0. */
    CliResult predict(Path home, String runId, int top) {
        CliResult predict = Cli.inProcess("predict", runId, file.toString(), "--top", String.valueOf(top), "--json", "--home",
                home.toString());
        org.assertj.core.api.Assertions.assertThat(predict.exitCode()).as(predict.describe()).isZero();
        return predict;
    }

    /** Run {@code runId}'s saved model, read as predict reads it. */
    static Network savedModel(Path home, String runId) throws IOException {
        Backend.load();
        return Network.restore(home.resolve("runs/" + runId + "/model.zip"), false);
    }
}
