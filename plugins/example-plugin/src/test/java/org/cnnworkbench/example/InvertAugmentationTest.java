package org.cnnworkbench.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.cnnworkbench.api.Image;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.testkit.TestParams;
import org.junit.jupiter.api.Test;

class InvertAugmentationTest {
    private final InvertAugmentation invert = new InvertAugmentation();

    private ImageTransform withProbability(double probability) {
        return invert.create(TestParams.of(invert, "probability", probability));
    }

    /** Two channels of 1 row x 2 columns at offset 1, with a spare value each side. */
    private static float[] twoChannels() {
        return new float[] {-1, 0f, 0.25f, 1f, 0.5f, -2};
    }

    @Test
    void probabilityOneInvertsEveryValueOfTheImageAndNothingElse() {
        float[] data = twoChannels();

        withProbability(1).apply(new Image(data, 1, 2, 1, 2), new Random(1));

        assertThat(data).containsExactly(-1, 1f, 0.75f, 0f, 0.5f, -2);
    }

    @Test
    void probabilityZeroLeavesTheImageUnchanged() {
        float[] data = twoChannels();

        withProbability(0).apply(new Image(data, 1, 2, 1, 2), new Random(1));

        assertThat(data).containsExactly(twoChannels());
    }

    @Test
    void invertsAboutTheGivenShareOfImagesTakingChanceOnlyFromTheRandom() {
        ImageTransform quarter = withProbability(0.25);

        String first = inversions(quarter, new Random(42), 1000);
        String again = inversions(quarter, new Random(42), 1000);

        assertThat(again).isEqualTo(first);
        assertThat(first.chars().filter(c -> c == 'I').count()).isBetween(200L, 300L);
    }

    @Test
    void drawsOneNumberPerImageWhetherItInvertsOrNot() {
        Random used = new Random(7);
        Random reference = new Random(7);

        withProbability(1).apply(new Image(new float[] {0.5f}, 0, 1, 1, 1), used);
        withProbability(0).apply(new Image(new float[] {0.5f}, 0, 1, 1, 1), used);
        reference.nextDouble();
        reference.nextDouble();

        assertThat(used.nextLong()).isEqualTo(reference.nextLong());
    }

    /** I for each inverted image, '.' for each kept one. */
    private static String inversions(ImageTransform transform, Random random, int images) {
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < images; i++) {
            float[] data = {0};
            transform.apply(new Image(data, 0, 1, 1, 1), random);
            seen.append(data[0] == 1 ? 'I' : '.');
        }
        return seen.toString();
    }
}
