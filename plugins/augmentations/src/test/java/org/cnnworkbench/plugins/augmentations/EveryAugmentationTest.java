package org.cnnworkbench.plugins.augmentations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.cnnworkbench.api.Augmentation;
import org.cnnworkbench.api.Image;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.testkit.TestParams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What holds for every augmentation of this module, at its defaults and at the ends of its ranges. */
class EveryAugmentationTest {

    /** One configuration of one augmentation; all but plain {@code invert} (every image) depend on the seed. */
    record Setting(String name, Augmentation augmentation, Object[] params) {
        ImageTransform transform() {
            return augmentation.create(TestParams.of(augmentation, params));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Setting> settings() {
        return Stream.of(
                new Setting("rotation", new Rotation(), new Object[0]),
                new Setting("rotation 180 constant 1", new Rotation(), new Object[] {"degrees", 180.0, "fill_mode", "constant", "fill_value", 1.0}),
                new Setting("rotation 45 wrap", new Rotation(), new Object[] {"degrees", 45.0, "fill_mode", "wrap"}),
                new Setting("shift", new Shift(), new Object[0]),
                new Setting("shift 1 reflect", new Shift(), new Object[] {"width_fraction", 1.0, "height_fraction", 1.0, "fill_mode", "reflect"}),
                new Setting("shear", new Shear(), new Object[0]),
                new Setting("shear 80 constant", new Shear(), new Object[] {"degrees", 80.0, "fill_mode", "constant"}),
                new Setting("zoom", new Zoom(), new Object[0]),
                new Setting("zoom 0.05-20 wrap", new Zoom(), new Object[] {"min", 0.05, "max", 20.0, "fill_mode", "wrap"}),
                new Setting("affine", new Affine(), new Object[] {"rotation_degrees", 20.0, "width_fraction", 0.1,
                        "height_fraction", 0.1, "shear_degrees", 10.0, "zoom_range", 0.2}),
                new Setting("affine extremes constant 1", new Affine(), new Object[] {"rotation_degrees", 180.0, "width_fraction", 1.0,
                        "height_fraction", 1.0, "shear_degrees", 80.0, "zoom_range", 0.95, "fill_mode", "constant", "fill_value", 1.0}),
                new Setting("horizontal-flip", new HorizontalFlip(), new Object[0]),
                new Setting("vertical-flip", new VerticalFlip(), new Object[0]),
                new Setting("brightness", new Brightness(), new Object[0]),
                new Setting("brightness 0-5", new Brightness(), new Object[] {"min", 0.0, "max", 5.0}),
                new Setting("contrast", new Contrast(), new Object[0]),
                new Setting("contrast 0-10", new Contrast(), new Object[] {"min", 0.0, "max", 10.0}),
                new Setting("invert", new Invert(), new Object[0]),
                new Setting("invert half", new Invert(), new Object[] {"probability", 0.5}),
                new Setting("channel-shift", new ChannelShift(), new Object[0]),
                new Setting("channel-shift 1", new ChannelShift(), new Object[] {"range", 1.0}));
    }

    @ParameterizedTest
    @MethodSource("settings")
    void valuesStayInTheUnitRangeAndTheArrayAroundTheImageIsUntouched(Setting setting) {
        ImageTransform transform = setting.transform();
        Random random = new Random(12);
        for (int i = 0; i < 50; i++) {
            Image image = Images.random(i, 3, 9, 7);

            transform.apply(image, random);

            for (float v : Images.values(image)) {
                assertThat(v).isBetween(0f, 1f);
            }
            assertThat(image.data()[0]).isEqualTo(-1f);
            assertThat(image.data()[image.data().length - 1]).isEqualTo(-1f);
        }
    }

    @ParameterizedTest
    @MethodSource("settings")
    void theSameSeedGivesTheSameImagesAndOtherSeedsOthers(Setting setting) {
        boolean random = !setting.name().equals("invert");
        List<float[]> first = run(setting.transform(), 77);
        List<float[]> again = run(setting.transform(), 77);
        List<float[]> other = run(setting.transform(), 78);

        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i)).containsExactly(first.get(i));
        }
        boolean anyDifferent = false;
        for (int i = 0; i < first.size(); i++) {
            anyDifferent |= !Arrays.equals(first.get(i), other.get(i));
        }
        assertThat(anyDifferent).as("another seed changes some image").isEqualTo(random);
    }

    /** Ten images through {@code transform}, with one Random seeded {@code seed}, as the engine's data thread does. */
    private static List<float[]> run(ImageTransform transform, long seed) {
        Random random = new Random(seed);
        return Stream.iterate(0, i -> i + 1).limit(10).map(i -> {
            Image image = Images.random(100 + i, 3, 8, 8);
            transform.apply(image, random);
            return image.data();
        }).toList();
    }
}
