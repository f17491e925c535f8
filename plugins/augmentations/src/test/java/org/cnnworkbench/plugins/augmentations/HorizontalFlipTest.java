package org.cnnworkbench.plugins.augmentations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.cnnworkbench.api.Image;
import org.cnnworkbench.api.ImageTransform;
import org.junit.jupiter.api.Test;
import org.cnnworkbench.testkit.TestParams;

class HorizontalFlipTest {
    private final HorizontalFlip flip = new HorizontalFlip();

    private ImageTransform withProbability(double probability) {
        return flip.create(TestParams.of(flip, "probability", probability));
    }

    /** Two channels of 2 rows × 3 columns at offset 1 of an array with one spare value each side. */
    private static float[] twoChannels() {
        return new float[] {-1,
            1, 2, 3,
            4, 5, 6,
            11, 12, 13,
            14, 15, 16,
            -2};
    }

    @Test
    void probabilityOneReversesEveryRowOfEveryChannelInPlace() {
        float[] data = twoChannels();

        withProbability(1).apply(new Image(data, 1, 2, 2, 3), new Random(1));

        assertThat(data).containsExactly(-1,
                3, 2, 1,
                6, 5, 4,
                13, 12, 11,
                16, 15, 14,
                -2);
    }

    @Test
    void probabilityZeroLeavesTheImageUnchanged() {
        float[] data = twoChannels();

        withProbability(0).apply(new Image(data, 1, 2, 2, 3), new Random(1));

        assertThat(data).containsExactly(twoChannels());
    }

    @Test
    void evenWidthsAndSingleColumnsFlipToo() {
        float[] even = {1, 2, 3, 4};
        float[] column = {1, 2, 3};

        withProbability(1).apply(new Image(even, 0, 1, 1, 4), new Random(1));
        withProbability(1).apply(new Image(column, 0, 1, 3, 1), new Random(1));

        assertThat(even).containsExactly(4, 3, 2, 1);
        assertThat(column).containsExactly(1, 2, 3);
    }

    @Test
    void flipsAboutTheGivenShareOfImagesTakingChanceOnlyFromTheRandom() {
        ImageTransform half = withProbability(0.5);

        String first = flips(half, new Random(42), 1000);
        String again = flips(half, new Random(42), 1000);

        assertThat(again).isEqualTo(first);
        assertThat(first.chars().filter(c -> c == 'F').count()).isBetween(450L, 550L);
    }

    @Test
    void drawsOneNumberPerImageWhateverTheProbability() {
        Random used = new Random(7);
        Random reference = new Random(7);

        withProbability(1).apply(new Image(new float[] {1, 2}, 0, 1, 1, 2), used);
        withProbability(0).apply(new Image(new float[] {1, 2}, 0, 1, 1, 2), used);
        reference.nextDouble();
        reference.nextDouble();

        assertThat(used.nextLong()).isEqualTo(reference.nextLong());
    }

    @Test
    void declaresItsProbability() {
        assertThat(flip.id()).isEqualTo("horizontal-flip");
        assertThat(flip.parameters()).singleElement().satisfies(spec -> {
            assertThat(spec.name()).isEqualTo("probability");
            assertThat(spec.defaultValue()).isEqualTo(0.5);
            assertThat(spec.rangeText()).isEqualTo("[0.0, 1.0]");
        });
    }

    /** F for each flipped image, '.' for each kept one. */
    private static String flips(ImageTransform transform, Random random, int images) {
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < images; i++) {
            float[] data = {0, 1};
            transform.apply(new Image(data, 0, 1, 1, 2), random);
            seen.append(data[0] == 1 ? 'F' : '.');
        }
        return seen.toString();
    }
}
