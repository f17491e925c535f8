package org.cnnworkbench.plugins.datasets;

import java.awt.image.BufferedImage;

/**
 * An image as the bytes image datasets keep: channels × height × width, one unsigned byte per
 * value, RGB planes or one grayscale plane (luminance 0.299 R + 0.587 G + 0.114 B, rounded).
 */
final class ImageBytes {

    private ImageBytes() {
    }

    static int channels(boolean grayscale) {
        return grayscale ? 1 : 3;
    }

    /**
     * Writes {@code image} (already of the wanted size, in an sRGB type such as
     * {@code TYPE_INT_RGB}) into {@code out} from {@code offset}.
     */
    static void write(BufferedImage image, boolean grayscale, byte[] out, int offset) {
        int width = image.getWidth();
        int height = image.getHeight();
        int plane = width * height;
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int rgb = row[x];
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                int i = offset + y * width + x;
                if (grayscale) {
                    out[i] = (byte) Math.round(0.299f * r + 0.587f * g + 0.114f * b);
                } else {
                    out[i] = (byte) r;
                    out[i + plane] = (byte) g;
                    out[i + 2 * plane] = (byte) b;
                }
            }
        }
    }
}
