package org.cnnworkbench.plugins.augmentations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.cnnworkbench.api.Image;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.testkit.TestParams;
import org.junit.jupiter.api.Test;

/** brightness, contrast, invert and channel-shift: exact values on known pixels. */
class PixelAugmentationsTest {
    private static final float[] GREYS = {0, 0.25f, 0.5f, 0.75f, 1};

    private static Image greys() {
        return new Image(GREYS.clone(), 0, 1, 1, GREYS.length);
    }

    @Test
    void brightnessMultipliesByTheFactorAndClipsAtWhite() {
        Brightness brightness = new Brightness();
        Image darker = greys();
        Image brighter = greys();

        brightness.create(TestParams.of(brightness, "min", 0.5, "max", 0.5)).apply(darker, new Random(1));
        brightness.create(TestParams.of(brightness, "min", 2.0, "max", 2.0)).apply(brighter, new Random(1));

        assertThat(darker.data()).containsExactly(0, 0.125f, 0.25f, 0.375f, 0.5f);
        assertThat(brighter.data()).containsExactly(0, 0.5f, 1, 1, 1);
    }

    @Test
    void brightnessDrawsOneFactorInItsRangeForTheWholeImage() {
        Brightness brightness = new Brightness();
        ImageTransform transform = brightness.create(TestParams.of(brightness, "min", 0.6, "max", 0.9));
        Image image = new Image(new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f}, 0, 3, 1, 2);
        Random reference = new Random(4);
        float factor = (float) (0.6 + reference.nextDouble() * 0.3);

        transform.apply(image, new Random(4));

        assertThat(image.data()).containsOnly(0.5f * factor);
        assertThat(Images.draws(transform)).isEqualTo(1);
        assertThatThrownBy(() -> brightness.create(TestParams.of(brightness, "min", 1.5)))
                .isInstanceOf(PluginInputException.class).hasMessageStartingWith("'min' (1.5) is greater than 'max' (1.2)");
    }

    @Test
    void contrastIsTheSeedsFormulaAboutMidGreyClipped() {
        Contrast contrast = new Contrast();
        Image doubled = greys();
        Image halved = greys();

        contrast.create(TestParams.of(contrast, "factor", 2.0)).apply(doubled, new Random(1));
        contrast.create(TestParams.of(contrast, "factor", 0.5)).apply(halved, new Random(1));

        assertThat(doubled.data()).containsExactly(0, 0, 0.5f, 1, 1);
        assertThat(halved.data()).containsExactly(0.25f, 0.375f, 0.5f, 0.625f, 0.75f);
        // On 0-255 pixels: 128 + 1.5 * (200 - 128) = 236, here 0.5 + 1.5 * (200/255 - 0.5) (mid-grey 127.5).
        assertThat(Contrast.apply(200 / 255f, 1.5f) * 255).isCloseTo(236.25f, within(1e-3f));
        assertThat(Contrast.apply(0.6f, 0f)).isEqualTo(0.5f);
    }

    @Test
    void contrastDrawsTheChanceThenTheFactorAndProbabilityZeroChangesNothing() {
        Contrast contrast = new Contrast();
        ImageTransform never = contrast.create(TestParams.of(contrast, "probability", 0.0, "factor", 3.0));
        ImageTransform ranged = contrast.create(TestParams.of(contrast, "min", 1.5, "max", 2.5));
        Image unchanged = Images.random(2, 3, 4, 4);
        float[] before = unchanged.data().clone();
        Image image = greys();
        Random reference = new Random(8);
        reference.nextDouble();
        float factor = (float) (1.5 + reference.nextDouble() * 1.0);

        never.apply(unchanged, new Random(1));
        ranged.apply(image, new Random(8));

        assertThat(unchanged.data()).containsExactly(before);
        assertThat(image.get(0, 0, 1)).isEqualTo(Math.max(0f, 0.5f + factor * (0.25f - 0.5f)));
        assertThat(Images.draws(never)).isEqualTo(2);
        assertThat(Images.draws(ranged)).isEqualTo(2);
    }

    @Test
    void contrastRefusesAFactorTogetherWithARange() {
        Contrast contrast = new Contrast();

        assertThatThrownBy(() -> contrast.create(TestParams.of(contrast, "factor", 2.0, "max", 3.0)))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("give either 'factor' (2.0) or 'min' and 'max' (0.8, 3.0), not both");
    }

    @Test
    void invertIsOneMinusEachValue() {
        Invert invert = new Invert();
        Image image = greys();

        invert.create(TestParams.of(invert)).apply(image, new Random(1));

        assertThat(image.data()).containsExactly(1, 0.75f, 0.5f, 0.25f, 0);
    }

    @Test
    void invertWithProbabilityZeroChangesNothingAndDrawsOneNumberAnyway() {
        Invert invert = new Invert();
        ImageTransform never = invert.create(TestParams.of(invert, "probability", 0.0));
        Image image = greys();

        never.apply(image, new Random(1));

        assertThat(image.data()).containsExactly(GREYS);
        assertThat(Images.draws(never)).isEqualTo(1);
    }

    @Test
    void channelShiftAddsOneOffsetPerChannelClipped() {
        ChannelShift shift = new ChannelShift();
        ImageTransform transform = shift.create(TestParams.of(shift, "range", 0.3));
        Image image = new Image(new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f}, 0, 3, 1, 2);
        Random reference = new Random(6);
        float[] offsets = new float[3];
        for (int c = 0; c < 3; c++) {
            offsets[c] = (float) (0.3 * (2 * reference.nextDouble() - 1));
        }

        transform.apply(image, new Random(6));

        assertThat(image.data()).containsExactly(0.5f + offsets[0], 0.5f + offsets[0], 0.5f + offsets[1], 0.5f + offsets[1],
                0.5f + offsets[2], 0.5f + offsets[2]);
        assertThat(offsets[0]).isNotEqualTo(offsets[1]);
        assertThat(Images.draws(transform)).isEqualTo(3);
    }

    @Test
    void channelShiftNotPerChannelAddsOneOffsetToAllAndClipsToTheUnitRange() {
        ChannelShift shift = new ChannelShift();
        ImageTransform transform = shift.create(TestParams.of(shift, "range", 1.0, "per_channel", false));
        Random reference = new Random(6);
        float offset = (float) (2 * reference.nextDouble() - 1);
        Image image = new Image(new float[] {0, 0.5f, 1, 0, 0.5f, 1}, 0, 2, 1, 3);

        transform.apply(image, new Random(6));

        float[] row = {Math.max(0, offset), Math.max(0f, Math.min(1f, 0.5f + offset)), Math.min(1, 1 + offset)};
        assertThat(image.data()).containsExactly(row[0], row[1], row[2], row[0], row[1], row[2]);
        assertThat(Images.draws(transform)).isEqualTo(1);
    }

    @Test
    void channelShiftOfRangeZeroChangesNothing() {
        ChannelShift shift = new ChannelShift();
        Image image = Images.random(3, 3, 4, 5);
        float[] before = image.data().clone();

        shift.create(TestParams.of(shift, "range", 0.0)).apply(image, new Random(1));

        assertThat(image.data()).containsExactly(before);
    }
}
