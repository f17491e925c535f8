package org.cnnworkbench.plugins.augmentations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.cnnworkbench.api.Image;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.testkit.TestParams;
import org.junit.jupiter.api.Test;

class VerticalFlipTest {
    private final VerticalFlip flip = new VerticalFlip();

    private ImageTransform withProbability(double probability) {
        return flip.create(TestParams.of(flip, "probability", probability));
    }

    @Test
    void probabilityOneReversesTheRowsOfEveryChannelInPlace() {
        float[] data = {-1,
            1, 2,
            3, 4,
            5, 6,
            11, 12,
            13, 14,
            15, 16,
            -2};

        withProbability(1).apply(new Image(data, 1, 2, 3, 2), new Random(1));

        assertThat(data).containsExactly(-1,
                5, 6,
                3, 4,
                1, 2,
                15, 16,
                13, 14,
                11, 12,
                -2);
    }

    @Test
    void probabilityZeroLeavesTheImageUnchanged() {
        Image image = Images.random(2, 3, 5, 4);
        float[] before = image.data().clone();

        withProbability(0).apply(image, new Random(1));

        assertThat(image.data()).containsExactly(before);
    }

    @Test
    void evenHeightsAndSingleRowsFlipToo() {
        float[] even = {1, 2, 3, 4};
        float[] row = {1, 2, 3};

        withProbability(1).apply(new Image(even, 0, 1, 4, 1), new Random(1));
        withProbability(1).apply(new Image(row, 0, 1, 1, 3), new Random(1));

        assertThat(even).containsExactly(4, 3, 2, 1);
        assertThat(row).containsExactly(1, 2, 3);
    }

    @Test
    void isVerticalFlip() {
        assertThat(flip.id()).isEqualTo("vertical-flip");
    }
}
