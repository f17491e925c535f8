package org.cnnworkbench.plugins.augmentations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.cnnworkbench.api.Image;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.testkit.TestParams;
import org.junit.jupiter.api.Test;

/**
 * rotation, shift, shear, zoom and affine: each draws its documented numbers from the Random and applies
 * exactly the Keras warp they give, with the file's fill.
 */
class GeometricAugmentationsTest {
    private static final Fill REFLECT = new Fill(Fill.Mode.REFLECT, 0);

    @Test
    void rotationTurnsByDegreesTimesAUniformDrawInMinusOneToOne() {
        ImageTransform rotation = new Rotation().create(TestParams.of(new Rotation(), "degrees", 30.0, "fill_mode", "reflect"));
        Random reference = new Random(5);
        double angle = 30 * (2 * reference.nextDouble() - 1);

        assertThat(applied(rotation, 5)).containsExactly(warped(AffineWarp.keras(angle, 0, 0, 0, 1, 1), REFLECT));
    }

    @Test
    void shiftDrawsTheRowsThenTheColumnsAsFractionsOfTheSize() {
        Shift shift = new Shift();
        ImageTransform transform = shift.create(TestParams.of(shift, "width_fraction", 0.2, "height_fraction", 0.4,
                "fill_mode", "reflect"));
        Random reference = new Random(5);
        double rows = 0.4 * (2 * reference.nextDouble() - 1) * 6;
        double cols = 0.2 * (2 * reference.nextDouble() - 1) * 8;

        assertThat(applied(transform, 5)).containsExactly(warped(AffineWarp.keras(0, rows, cols, 0, 1, 1), REFLECT));
    }

    @Test
    void shearDrawsOneAngle() {
        Shear shear = new Shear();
        ImageTransform transform = shear.create(TestParams.of(shear, "degrees", 25.0, "fill_mode", "reflect"));
        Random reference = new Random(5);
        double angle = 25 * (2 * reference.nextDouble() - 1);

        assertThat(applied(transform, 5)).containsExactly(warped(AffineWarp.keras(0, 0, 0, angle, 1, 1), REFLECT));
    }

    @Test
    void zoomDrawsRowAndColumnFactorsFromOneMinusToOnePlusTheRange() {
        Zoom zoom = new Zoom();
        ImageTransform transform = zoom.create(TestParams.of(zoom, "range", 0.3, "fill_mode", "reflect"));
        Random reference = new Random(5);
        double rows = 0.7 + reference.nextDouble() * 0.6;
        double cols = 0.7 + reference.nextDouble() * 0.6;

        assertThat(applied(transform, 5)).containsExactly(warped(AffineWarp.keras(0, 0, 0, 0, rows, cols), REFLECT));
    }

    @Test
    void zoomWithMinAndMaxAndKeptAspectRatioDrawsOneFactorFromThem() {
        Zoom zoom = new Zoom();
        ImageTransform transform = zoom.create(TestParams.of(zoom, "min", 1.1, "max", 1.5, "keep_aspect_ratio", true,
                "fill_mode", "reflect"));
        Random reference = new Random(5);
        double factor = 1.1 + reference.nextDouble() * 0.4;

        assertThat(applied(transform, 5)).containsExactly(warped(AffineWarp.keras(0, 0, 0, 0, factor, factor), REFLECT));
    }

    @Test
    void affineDrawsSixNumbersAndAppliesThemAsOneKerasWarp() {
        Affine affine = new Affine();
        ImageTransform transform = affine.create(TestParams.of(affine, "rotation_degrees", 30.0, "width_fraction", 0.2,
                "height_fraction", 0.1, "shear_degrees", 5.0, "zoom_range", 0.2, "fill_mode", "reflect"));
        Random reference = new Random(5);
        double angle = 30 * (2 * reference.nextDouble() - 1);
        double rows = 0.1 * (2 * reference.nextDouble() - 1) * 6;
        double cols = 0.2 * (2 * reference.nextDouble() - 1) * 8;
        double shear = 5 * (2 * reference.nextDouble() - 1);
        double zoomRows = 0.8 + reference.nextDouble() * 0.4;
        double zoomCols = 0.8 + reference.nextDouble() * 0.4;

        assertThat(applied(transform, 5))
                .containsExactly(warped(AffineWarp.keras(angle, rows, cols, shear, zoomRows, zoomCols), REFLECT));
        assertThat(Images.draws(transform)).isEqualTo(6);
    }

    @Test
    void zeroRangesLeaveImagesExactlyAsTheyAre() {
        Zoom zoom = new Zoom();
        Shift shift = new Shift();
        ImageTransform[] identities = {
            new Rotation().create(TestParams.of(new Rotation(), "degrees", 0.0)),
            shift.create(TestParams.of(shift, "width_fraction", 0.0, "height_fraction", 0.0)),
            new Shear().create(TestParams.of(new Shear(), "degrees", 0.0)),
            zoom.create(TestParams.of(zoom, "range", 0.0)),
            zoom.create(TestParams.of(zoom, "min", 1.0, "max", 1.0, "fill_mode", "constant")),
            new Affine().create(TestParams.of(new Affine()))};
        for (ImageTransform identity : identities) {
            Image image = Images.random(9, 3, 6, 8);
            float[] before = image.data().clone();

            identity.apply(image, new Random(1));

            assertThat(image.data()).containsExactly(before);
        }
    }

    @Test
    void constantFillUsesTheFillValueForWhatComesFromOutside() {
        Zoom zoom = new Zoom();
        ImageTransform shrink = zoom.create(TestParams.of(zoom, "min", 3.0, "max", 3.0, "fill_mode", "constant", "fill_value", 1.0));
        Image image = new Image(new float[25], 0, 1, 5, 5);

        shrink.apply(image, new Random(1));

        assertThat(image.get(0, 2, 2)).isEqualTo(0f);
        assertThat(image.get(0, 0, 0)).isEqualTo(1f);
        assertThat(Images.row(image, 0, 4)).containsOnly(1f);
    }

    @Test
    void zoomRefusesHalfARangeAndTwoWaysOfGivingOne() {
        Zoom zoom = new Zoom();

        assertThatThrownBy(() -> zoom.create(TestParams.of(zoom, "min", 0.9)))
                .isInstanceOf(PluginInputException.class).hasMessageContaining("give both 'min' and 'max'")
                .hasMessageContaining("found only 'min'");
        assertThatThrownBy(() -> zoom.create(TestParams.of(zoom, "range", 0.3, "min", 0.9, "max", 1.1)))
                .isInstanceOf(PluginInputException.class).hasMessageContaining("either 'range' (0.3) or 'min' and 'max', not both");
        assertThatThrownBy(() -> zoom.create(TestParams.of(zoom, "min", 1.2, "max", 0.8)))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("'min' (1.2) is greater than 'max' (0.8); give min <= max, e.g. min: 0.8, max: 1.2");
    }

    @Test
    void eachDrawsItsDocumentedCountOfNumbersPerImage() {
        Zoom zoom = new Zoom();
        assertThat(Images.draws(new Rotation().create(TestParams.of(new Rotation())))).isEqualTo(1);
        assertThat(Images.draws(new Shift().create(TestParams.of(new Shift())))).isEqualTo(2);
        assertThat(Images.draws(new Shear().create(TestParams.of(new Shear())))).isEqualTo(1);
        assertThat(Images.draws(zoom.create(TestParams.of(zoom)))).isEqualTo(2);
        assertThat(Images.draws(zoom.create(TestParams.of(zoom, "keep_aspect_ratio", true)))).isEqualTo(1);
    }

    /** The values of a fixed 2-channel 6 × 8 image after {@code transform} with a Random seeded {@code seed}. */
    private static float[] applied(ImageTransform transform, long seed) {
        Image image = Images.random(11, 2, 6, 8);
        transform.apply(image, new Random(seed));
        return image.data();
    }

    private static float[] warped(AffineWarp warp, Fill fill) {
        Image image = Images.random(11, 2, 6, 8);
        warp.apply(image, fill);
        return image.data();
    }
}
