package org.cnnworkbench.plugins.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cnnworkbench.api.data.Shapes;
import org.junit.jupiter.api.Test;

/** {@link Shapes} lives in the API module, which has no tests of its own; the shapes dataset is its first user. */
class ShapesTest {

    @Test
    void drawsAnRgbImageOfTheAskedSize() {
        BufferedImage image = Shapes.draw(2, new Random(1), 40, 30, 0.1);

        assertThat(image.getWidth()).isEqualTo(40);
        assertThat(image.getHeight()).isEqualTo(30);
        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    }

    @Test
    void withoutNoiseTheShapeStandsOutFromAPlainBackgroundInLuminance() {
        Random random = new Random(5);
        for (int n = 0; n < 60; n++) {
            BufferedImage image = Shapes.draw(n % 3, random, 32, 32, 0);
            int background = image.getRGB(0, 0);
            int covered = 0;
            double strongest = 0;
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    int rgb = image.getRGB(x, y);
                    if (rgb != background) {
                        covered++;
                    }
                    strongest = Math.max(strongest, Math.abs(luminance(rgb) - luminance(background)));
                }
            }
            // The corners always lie outside the shape's circle; even the smallest triangle covers 5 % of the image.
            assertThat(image.getRGB(31, 31)).isEqualTo(background);
            assertThat(covered).as("pixels of shape %d", n).isGreaterThan(32 * 32 / 25);
            assertThat(strongest).as("contrast of shape %d", n).isGreaterThanOrEqualTo(79);
        }
    }

    private static double luminance(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
    }

    @Test
    void generateDrawsTheClassesInTurnFromOneSeed() {
        List<String> order = new ArrayList<>();
        List<int[]> first = new ArrayList<>();
        List<int[]> again = new ArrayList<>();
        Shapes.generate(3, 2, 8, 8, 0.1, (c, number, image) -> {
            order.add(Shapes.CLASS_NAMES.get(c) + number);
            first.add(image.getRGB(0, 0, 8, 8, null, 0, 8));
        });
        Shapes.generate(3, 2, 8, 8, 0.1, (c, number, image) -> again.add(image.getRGB(0, 0, 8, 8, null, 0, 8)));

        assertThat(order).containsExactly("circle0", "square0", "triangle0", "circle1", "square1", "triangle1");
        assertThat(again).usingRecursiveComparison().isEqualTo(first);
    }

    @Test
    void refusesUnknownClassesTinySizesAndNoiseOutsideZeroOne() {
        assertThatThrownBy(() -> Shapes.draw(3, new Random(), 8, 8, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class index must be 0 (circle), 1 (square) or 2 (triangle), found 3");
        assertThatThrownBy(() -> Shapes.draw(0, new Random(), 3, 8, 0))
                .hasMessage("shapes images are at least 4x4, found 3x8");
        assertThatThrownBy(() -> Shapes.draw(0, new Random(), 8, 8, 1.5))
                .hasMessage("noise must be in [0, 1], found 1.5");
    }
}
