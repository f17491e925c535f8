package org.cnnworkbench.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AugmentationPreviewTest {
    /** 3 channels, 4 rows, 2 columns: cells of 16 × 8 pixels at ×4. */
    private static final InputShape SHAPE = InputShape.image(3, 4, 2);
    private static final int BACKGROUND = 0xD8D8D8;

    /** Sample i is one colour: red i/4, green 0.5, blue 1 − red. */
    private static final DataSource COLOURS = new DataSource() {
        @Override
        public int size() {
            return 5;
        }

        @Override
        public int label(int index) {
            return 0;
        }

        @Override
        public void read(int index, float[] destination, int offset) {
            for (int i = 0; i < 8; i++) {
                destination[offset + i] = index / 4f;
                destination[offset + 8 + i] = 0.5f;
                destination[offset + 16 + i] = 1 - index / 4f;
            }
        }
    };

    private static final ImageTransform INVERT = (image, random) -> {
        for (int i = 0; i < 24; i++) {
            image.data()[image.offset() + i] = 1 - image.data()[image.offset() + i];
        }
    };

    @TempDir
    Path dir;

    @Test
    void eachRowShowsTheOriginalThenTheVariantsEnlargedFourTimesInRgb() {
        BufferedImage grid = new AugmentationPreview(COLOURS, SHAPE, List.of(INVERT), 1).render(3, 2);

        assertThat(grid.getWidth()).isEqualTo(2 + 8 + 8 + 2 * (8 + 2));
        assertThat(grid.getHeight()).isEqualTo(2 + 3 * (16 + 2));
        int rowTwoTop = 2 + 2 * 18;
        assertThat(rgb(grid, 2, rowTwoTop)).isEqualTo(rgb(128, 128, 128));
        assertThat(rgb(grid, 2 + 7, rowTwoTop + 15)).isEqualTo(rgb(128, 128, 128));
        assertThat(rgb(grid, 2, 2)).isEqualTo(rgb(0, 128, 255));
        assertThat(rgb(grid, 18, 2)).as("first variant, inverted").isEqualTo(rgb(255, 128, 0));
        assertThat(rgb(grid, 28 + 7, 2 + 15)).as("second variant").isEqualTo(rgb(255, 128, 0));
        assertThat(rgb(grid, 0, 0)).isEqualTo(BACKGROUND);
        assertThat(rgb(grid, 2 + 8 + 3, 2)).as("the gap after the originals").isEqualTo(BACKGROUND);
    }

    @Test
    void asksForMoreSamplesThanThereAreShowsThemAll() {
        BufferedImage grid = new AugmentationPreview(COLOURS, SHAPE, List.of(), 1).render(50, 3);

        assertThat(grid.getHeight()).isEqualTo(2 + 5 * 18);
    }

    @Test
    void largeImagesAreNotEnlarged() {
        assertThat(AugmentationPreview.scale(InputShape.image(1, 28, 28))).isEqualTo(4);
        assertThat(AugmentationPreview.scale(InputShape.image(3, 64, 32))).isEqualTo(2);
        assertThat(AugmentationPreview.scale(InputShape.image(3, 180, 180))).isEqualTo(1);
    }

    @Test
    void sequencesHaveNoPreview() {
        assertThatThrownBy(() -> new AugmentationPreview(COLOURS, InputShape.sequence(1, 9), List.of(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs images");
    }

    @Test
    void writesAPngAndCreatesMissingFolders() throws IOException {
        Path out = dir.resolve("a/b/grid.png");

        AugmentationPreview.writePng(new AugmentationPreview(COLOURS, SHAPE, List.of(INVERT), 1).render(2, 3), out);

        assertThat(ImageIO.read(out.toFile()).getWidth()).isEqualTo(2 + 8 + 8 + 3 * 10);
        assertThat(dir.resolve("a/b").toFile().list()).containsExactly("grid.png");
    }

    @Test
    void aFolderOrAPathUnderAFileIsAnInvalidArgument() throws IOException {
        BufferedImage grid = new AugmentationPreview(COLOURS, SHAPE, List.of(), 1).render(1, 1);
        Path file = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> AugmentationPreview.writePng(grid, dir))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("is a folder; give a file name");
        assertThatThrownBy(() -> AugmentationPreview.writePng(grid, file.resolve("grid.png")))
                .isInstanceOf(WorkbenchException.class).hasMessageContaining(file + " exists and is not a folder");
    }

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    private static int rgb(int r, int g, int b) {
        return r << 16 | g << 8 | b;
    }
}
