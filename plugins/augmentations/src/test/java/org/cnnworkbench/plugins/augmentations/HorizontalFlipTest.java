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
    void isHorizontalFlip() {
        assertThat(flip.id()).isEqualTo("horizontal-flip");
    }
}
