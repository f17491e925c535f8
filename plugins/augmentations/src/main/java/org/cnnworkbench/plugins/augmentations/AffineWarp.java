package org.cnnworkbench.plugins.augmentations;

import org.cnnworkbench.api.Image;

/**
 * One affine warp of an image about its centre, with bilinear sampling: the single implementation
 * behind {@code rotation}, {@code shift}, {@code shear} and {@code zoom}.
 *
 * <p>The warp is inverse-mapped, as Keras' {@code apply_affine_transform} does it with SciPy's
 * {@code ndimage.affine_transform}: for every output pixel at (row r, column c), relative to the
 * centre {@code ((h − 1) / 2, (w − 1) / 2)}, it reads the input at {@code centre + M · (r, c) + t}
 * and interpolates the four neighbours; positions outside the image read what the {@link Fill}
 * says. {@link #keras} composes M and t in Keras' order: rotation · shift · shear · zoom, on
 * (row, column) coordinates.
 *
 * <p>The warp reads input row {@code rr·r + rc·c + tRow} and column {@code cr·r + cc·c + tCol}
 * for output (r, c), both relative to the image centre.
 *
 * <p>Immutable. {@link #apply} allocates one {@code float[]} (a copy of the image) per call and
 * keeps no other state, so one warp may be used from several threads at once.
 */
record AffineWarp(double rr, double rc, double cr, double cc, double tRow, double tCol) {
    /** Positions this close to the image's edge count as inside (they arise from cos 90° ≠ 0). */
    private static final double EDGE_TOLERANCE = 1e-6;

    static AffineWarp identity() {
        return new AffineWarp(1, 0, 0, 1, 0, 0);
    }

    /**
     * Keras' {@code apply_affine_transform(x, theta, tx, ty, shear, zx, zy)}: the matrix product
     * rotation · shift · shear · zoom, applied about the centre.
     *
     * @param thetaDegrees rotation; positive turns the picture clockwise (row indices grow downwards)
     * @param shiftRows    Keras' {@code tx}: the output reads this many rows further down, so the
     *                     picture moves up by it
     * @param shiftCols    Keras' {@code ty}: the output reads this many columns further right, so the
     *                     picture moves left by it
     * @param shearDegrees Keras' {@code shear}: the matrix {@code [[1, −sin s], [0, cos s]]}
     * @param zoomRows     Keras' {@code zx}: the output row r reads input row {@code zx·r}; above 1
     *                     the picture shrinks (more of the scene shows), below 1 it grows
     * @param zoomCols     Keras' {@code zy}, the same for columns
     */
    static AffineWarp keras(double thetaDegrees, double shiftRows, double shiftCols, double shearDegrees,
                            double zoomRows, double zoomCols) {
        double theta = Math.toRadians(thetaDegrees);
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double shear = Math.toRadians(shearDegrees);
        // rotation · shift: the shift is rotated with the picture, as in Keras' product.
        double tRow = cos * shiftRows - sin * shiftCols;
        double tCol = sin * shiftRows + cos * shiftCols;
        // (rotation · shear) · zoom, with shear = [[1, -sin s], [0, cos s]] and zoom = diag(zx, zy).
        double shearSin = Math.sin(shear);
        double shearCos = Math.cos(shear);
        double rr = cos * zoomRows;
        double rc = (-cos * shearSin - sin * shearCos) * zoomCols;
        double cr = sin * zoomRows;
        double cc = (-sin * shearSin + cos * shearCos) * zoomCols;
        return new AffineWarp(rr, rc, cr, cc, tRow, tCol);
    }

    /** Whether this warp leaves every image exactly as it is. */
    boolean isIdentity() {
        return rr == 1 && rc == 0 && cr == 0 && cc == 1 && tRow == 0 && tCol == 0;
    }

    /** Warps {@code image} in place, every channel alike. */
    void apply(Image image, Fill fill) {
        if (isIdentity()) {
            return;
        }
        int h = image.height();
        int w = image.width();
        int plane = h * w;
        int channels = image.channels();
        float[] data = image.data();
        int offset = image.offset();
        float[] source = new float[channels * plane];
        System.arraycopy(data, offset, source, 0, source.length);

        double centreRow = (h - 1) / 2.0;
        double centreCol = (w - 1) / 2.0;
        Fill.Mode mode = fill.mode();
        for (int r = 0; r < h; r++) {
            double dr = r - centreRow;
            // Input position of column 0 of this row; each next column adds (rc, cc).
            double inRow = centreRow + rr * dr + rc * -centreCol + tRow;
            double inCol = centreCol + cr * dr + cc * -centreCol + tCol;
            for (int c = 0; c < w; c++, inRow += rc, inCol += cc) {
                int out = offset + r * w + c;
                if (mode == Fill.Mode.CONSTANT && (outside(inRow, h) || outside(inCol, w))) {
                    for (int base = 0; base < channels * plane; base += plane) {
                        data[out + base] = fill.value();
                    }
                    continue;
                }
                double y = mode == Fill.Mode.CONSTANT ? clamp(inRow, h) : inRow;
                double x = mode == Fill.Mode.CONSTANT ? clamp(inCol, w) : inCol;
                double yFloor = Math.floor(y);
                double xFloor = Math.floor(x);
                double fy = y - yFloor;
                double fx = x - xFloor;
                int y0 = (int) yFloor;
                int x0 = (int) xFloor;
                int row0;
                int row1;
                int col0;
                int col1;
                if (y0 >= 0 && y0 < h - 1 && x0 >= 0 && x0 < w - 1) {
                    // All four neighbours inside: most pixels, no fill rule needed.
                    row0 = y0 * w;
                    row1 = row0 + w;
                    col0 = x0;
                    col1 = x0 + 1;
                } else {
                    row0 = mode.index(y0, h) * w;
                    row1 = mode.index(y0 + 1, h) * w;
                    col0 = mode.index(x0, w);
                    col1 = mode.index(x0 + 1, w);
                }
                // Weights and sum in double: the float result then stays within its four neighbours' range.
                double w00 = (1 - fy) * (1 - fx);
                double w01 = (1 - fy) * fx;
                double w10 = fy * (1 - fx);
                double w11 = fy * fx;
                for (int ch = 0, base = 0; ch < channels; ch++, base += plane) {
                    data[out + base] = (float) (w00 * source[base + row0 + col0] + w01 * source[base + row0 + col1]
                            + w10 * source[base + row1 + col0] + w11 * source[base + row1 + col1]);
                }
            }
        }
    }

    /** The input position (row, column) that output pixel ({@code row}, {@code col}) of an h × w image reads. */
    double[] source(int h, int w, double row, double col) {
        double dr = row - (h - 1) / 2.0;
        double dc = col - (w - 1) / 2.0;
        return new double[] {(h - 1) / 2.0 + rr * dr + rc * dc + tRow, (w - 1) / 2.0 + cr * dr + cc * dc + tCol};
    }

    /** Whether a position lies outside {@code [0, n − 1]}, beyond rounding noise. */
    private static boolean outside(double position, int n) {
        return position < -EDGE_TOLERANCE || position > n - 1 + EDGE_TOLERANCE;
    }

    private static double clamp(double position, int n) {
        return Math.max(0, Math.min(n - 1, position));
    }

    @Override
    public String toString() {
        return "AffineWarp[row = " + rr + "·r + " + rc + "·c + " + tRow + ", col = " + cr + "·r + " + cc + "·c + " + tCol + "]";
    }
}
