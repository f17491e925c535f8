package org.cnnworkbench.plugins.augmentations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.cnnworkbench.api.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class AffineWarpTest {
    private static final Fill NEAREST = new Fill(Fill.Mode.NEAREST, 0);
    private static final Fill CONSTANT = new Fill(Fill.Mode.CONSTANT, 0.9f);
    private static final Fill WRAP = new Fill(Fill.Mode.WRAP, 0);

    private static Image threeByThree() {
        return Images.rows(
                new float[] {0.1f, 0.2f, 0.3f},
                new float[] {0.4f, 0.5f, 0.6f},
                new float[] {0.7f, 0.8f, 0.9f});
    }

    /** One row a b c d = 0.1 0.2 0.3 0.4 over a second row 0.5 .. 0.8. */
    private static Image fourWide() {
        return Images.rows(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, new float[] {0.5f, 0.6f, 0.7f, 0.8f});
    }

    @ParameterizedTest
    @EnumSource(Fill.Mode.class)
    void rotatingByNinetyDegreesTurnsAThreeByThreeClockwiseWhateverTheFill(Fill.Mode mode) {
        Image image = threeByThree();

        AffineWarp.keras(90, 0, 0, 0, 1, 1).apply(image, new Fill(mode, 0.9f));

        assertThat(image.data()).containsExactly(
                0.7f, 0.4f, 0.1f,
                0.8f, 0.5f, 0.2f,
                0.9f, 0.6f, 0.3f);
    }

    @Test
    void rotatingByMinusNinetyTurnsCounterClockwiseAndByOneEightyReversesTheImage() {
        Image minus = threeByThree();
        Image half = threeByThree();

        AffineWarp.keras(-90, 0, 0, 0, 1, 1).apply(minus, NEAREST);
        AffineWarp.keras(180, 0, 0, 0, 1, 1).apply(half, CONSTANT);

        assertThat(minus.data()).containsExactly(0.3f, 0.6f, 0.9f, 0.2f, 0.5f, 0.8f, 0.1f, 0.4f, 0.7f);
        assertThat(half.data()).containsExactly(0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f, 0.3f, 0.2f, 0.1f);
    }

    /**
     * The row a b c d (0.1 .. 0.4) shifted by whole columns: the picture moves and the border it uncovers is
     * filled by the mode (CONSTANT with 0.9). One column moves it left; two tell REFLECT from NEAREST; a negative
     * shift fills the left border.
     */
    @ParameterizedTest(name = "shifting by {0} columns with {1} gives {2}")
    @CsvSource({
            "1, NEAREST, 0.2 0.3 0.4 0.4",
            "1, CONSTANT, 0.2 0.3 0.4 0.9",
            "1, REFLECT, 0.2 0.3 0.4 0.4",
            "1, WRAP, 0.2 0.3 0.4 0.1",
            "2, NEAREST, 0.3 0.4 0.4 0.4",
            "2, CONSTANT, 0.3 0.4 0.9 0.9",
            "2, REFLECT, 0.3 0.4 0.4 0.3",
            "2, WRAP, 0.3 0.4 0.1 0.2",
            "-2, NEAREST, 0.1 0.1 0.1 0.2",
            "-2, CONSTANT, 0.9 0.9 0.1 0.2",
            "-2, REFLECT, 0.2 0.1 0.1 0.2",
            "-2, WRAP, 0.3 0.4 0.1 0.2"
    })
    void shiftingByWholeColumnsMovesThePictureAndFillsTheBorderByTheMode(int columns, Fill.Mode mode, String row) {
        Fill fill = new Fill(mode, mode == Fill.Mode.CONSTANT ? 0.9f : 0);
        String[] values = row.split(" ");
        float[] expected = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            expected[i] = Float.parseFloat(values[i]);
        }
        assertThat(Images.row(shifted(0, columns, fill), 0, 0)).containsExactly(expected);
    }

    @Test
    void shiftingByOneRowMovesThePictureUpAndFillsTheBottomRow() {
        Image wrapped = shifted(1, 0, WRAP);
        Image constant = shifted(1, 0, CONSTANT);

        assertThat(wrapped.data()).containsExactly(0.5f, 0.6f, 0.7f, 0.8f, 0.1f, 0.2f, 0.3f, 0.4f);
        assertThat(constant.data()).containsExactly(0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 0.9f, 0.9f, 0.9f);
    }

    @Test
    void aHalfPixelShiftInterpolatesBetweenNeighboursBilinearly() {
        Image half = shifted(0, 0.5, NEAREST);
        Image diagonal = shifted(0.5, 0.5, NEAREST);

        assertThat(Images.row(half, 0, 0)).containsExactly(new float[] {0.15f, 0.25f, 0.35f, 0.4f}, within(1e-7f));
        assertThat(diagonal.get(0, 0, 0)).isCloseTo((0.1f + 0.2f + 0.5f + 0.6f) / 4, within(1e-7f));
        assertThat(diagonal.get(0, 0, 1)).isCloseTo((0.2f + 0.3f + 0.6f + 0.7f) / 4, within(1e-7f));
        assertThat(diagonal.get(0, 1, 3)).isEqualTo(0.8f);
        assertThat(shifted(0, 0.25, NEAREST).get(0, 1, 0)).isCloseTo(0.525f, within(1e-7f));
    }

    @Test
    void zoomingInByTwoEnlargesTheCentreAndInterpolatesBetween() {
        Image image = Images.rows(
                new float[] {0, 0, 0, 0, 0},
                new float[] {0, 0.2f, 0.4f, 0.6f, 0},
                new float[] {0, 0.4f, 0.6f, 0.8f, 0},
                new float[] {0, 0.6f, 0.8f, 1.0f, 0},
                new float[] {0, 0, 0, 0, 0});

        AffineWarp.keras(0, 0, 0, 0, 0.5, 0.5).apply(image, NEAREST);

        assertThat(Images.row(image, 0, 0)).containsExactly(new float[] {0.2f, 0.3f, 0.4f, 0.5f, 0.6f}, within(1e-7f));
        assertThat(Images.row(image, 0, 2)).containsExactly(new float[] {0.4f, 0.5f, 0.6f, 0.7f, 0.8f}, within(1e-7f));
        assertThat(image.get(0, 1, 1)).isCloseTo(0.4f, within(1e-7f));
    }

    @Test
    void zoomOneShearZeroAndNoShiftAreTheIdentityAndLeaveEveryValueExactly() {
        Image image = Images.random(3, 3, 7, 5);
        Image before = Images.copy(image);

        AffineWarp warp = AffineWarp.keras(0, 0, 0, 0, 1, 1);
        warp.apply(image, CONSTANT);

        assertThat(warp.isIdentity()).isTrue();
        assertThat(AffineWarp.identity().isIdentity()).isTrue();
        assertThat(image.data()).containsExactly(before.data());
    }

    @Test
    void everyChannelIsWarpedAlikeAndNothingOutsideTheImageIsTouched() {
        float[] data = {-1, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, -2};

        AffineWarp.keras(0, 0, 1, 0, 1, 1).apply(new Image(data, 1, 3, 1, 2), WRAP);

        assertThat(data).containsExactly(-1, 0.2f, 0.1f, 0.4f, 0.3f, 0.6f, 0.5f, -2);
    }

    @Test
    void composesRotationShiftShearAndZoomInKerasOrderAboutTheCentre() {
        double theta = Math.toRadians(30);
        double shear = Math.toRadians(12);
        double tx = 1.5;
        double ty = -2;
        double zx = 0.9;
        double zy = 1.3;
        double[][] rotation = {{Math.cos(theta), -Math.sin(theta), 0}, {Math.sin(theta), Math.cos(theta), 0}, {0, 0, 1}};
        double[][] shift = {{1, 0, tx}, {0, 1, ty}, {0, 0, 1}};
        double[][] shearing = {{1, -Math.sin(shear), 0}, {0, Math.cos(shear), 0}, {0, 0, 1}};
        double[][] zoom = {{zx, 0, 0}, {0, zy, 0}, {0, 0, 1}};
        double[][] m = times(times(times(rotation, shift), shearing), zoom);
        int h = 9;
        int w = 6;
        double oRow = h / 2.0 - 0.5;
        double oCol = w / 2.0 - 0.5;

        AffineWarp warp = AffineWarp.keras(30, tx, ty, 12, zx, zy);

        for (double[] p : new double[][] {{0, 0}, {8, 5}, {3, 1}, {4.5, 2.5}}) {
            double r = p[0] - oRow;
            double c = p[1] - oCol;
            double[] expected = {m[0][0] * r + m[0][1] * c + m[0][2] + oRow, m[1][0] * r + m[1][1] * c + m[1][2] + oCol};
            assertThat(warp.source(h, w, p[0], p[1])).containsExactly(expected, within(1e-12));
        }
    }

    @Test
    void valuesStayWithinTheRangeOfTheirNeighbours() {
        Image ones = new Image(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, 0, 1, 3, 3);

        AffineWarp.keras(17, 0.3, -0.7, 5, 0.83, 1.1).apply(ones, NEAREST);

        assertThat(ones.data()).containsOnly(1f);
    }

    private static Image shifted(double rows, double cols, Fill fill) {
        Image image = fourWide();
        AffineWarp.keras(0, rows, cols, 0, 1, 1).apply(image, fill);
        return image;
    }

    private static double[][] times(double[][] a, double[][] b) {
        double[][] product = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    product[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return product;
    }
}
