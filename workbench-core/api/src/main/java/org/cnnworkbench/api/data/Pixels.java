package org.cnnworkbench.api.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Turning a decoded image into model input: resized to the model's width × height, converted to
 * grayscale (luminance 0.299 R + 0.587 G + 0.114 B) or RGB, scaled to [0, 1], in channels ×
 * height × width order. Image datasets and prediction use this one conversion, so a photo given to
 * {@code workbench predict} is prepared exactly as the training images were.
 *
 * <p>Resizing is bilinear; when shrinking by more than half it halves the image step by step
 * first, so that downscaled photos keep their detail instead of aliasing.
 */
public final class Pixels {
    private Pixels() {
    }

    /** Writes {@code image} as {@code channels} (1 or 3) × {@code height} × {@code width} floats into {@code out} at {@code offset}. */
    public static void toChw(BufferedImage image, int channels, int height, int width, float[] out, int offset) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images have 1 (grayscale) or 3 (RGB) channels, found " + channels);
        }
        BufferedImage sized = resize(image, width, height);
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = sized.getRGB(x, y);
                float r = ((rgb >> 16) & 0xff) / 255f;
                float g = ((rgb >> 8) & 0xff) / 255f;
                float b = (rgb & 0xff) / 255f;
                int i = offset + y * width + x;
                if (channels == 1) {
                    out[i] = 0.299f * r + 0.587f * g + 0.114f * b;
                } else {
                    out[i] = r;
                    out[i + plane] = g;
                    out[i + 2 * plane] = b;
                }
            }
        }
    }

    /** {@code image} resized to exactly {@code width} × {@code height}, as an RGB image. */
    public static BufferedImage resize(BufferedImage image, int width, int height) {
        BufferedImage current = toRgb(image);
        int w = current.getWidth();
        int h = current.getHeight();
        while (w / 2 >= width && h / 2 >= height) {
            w /= 2;
            h /= 2;
            current = draw(current, w, h);
        }
        return w == width && h == height && current != image ? current : draw(current, width, height);
    }

    private static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY || image.getType() == BufferedImage.TYPE_USHORT_GRAY) {
            // Java's gray images live in a linear colour space, and converting them through it
            // would brighten every pixel: copy the stored values instead, as other tools read them.
            int bits = image.getType() == BufferedImage.TYPE_BYTE_GRAY ? 8 : 16;
            BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            var raster = image.getRaster();
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int v = raster.getSample(x, y, 0) >> (bits - 8);
                    rgb.setRGB(x, y, (v << 16) | (v << 8) | v);
                }
            }
            return rgb;
        }
        return draw(image, image.getWidth(), image.getHeight());
    }

    private static BufferedImage draw(BufferedImage source, int width, int height) {
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, java.awt.Color.BLACK, null);
        } finally {
            g.dispose();
        }
        return target;
    }
}
