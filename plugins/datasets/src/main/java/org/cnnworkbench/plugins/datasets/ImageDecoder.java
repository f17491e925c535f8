package org.cnnworkbench.plugins.datasets;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.cnnworkbench.api.data.Pixels;

/**
 * Decodes one image file's bytes with ImageIO (PNG, JPEG, BMP, GIF; a GIF's first frame) and
 * turns it into the bytes a dataset keeps: resized to width × height by
 * {@link Pixels#resize} (bilinear, halving step by step first when shrinking by more than half, so
 * downscaled photos do not alias; the same preparation {@code workbench predict} applies), then RGB
 * or grayscale ({@link ImageBytes}). Stateless apart from its settings: safe to use from several
 * threads.
 */
record ImageDecoder(int width, int height, boolean grayscale) {
    /** Largest image decoded, in pixels, so that a decompression bomb cannot exhaust memory. */
    static final long MAX_PIXELS = 64L * 1024 * 1024;

    int channels() {
        return ImageBytes.channels(grayscale);
    }

    /** Bytes per decoded sample. */
    int sampleSize() {
        return channels() * width * height;
    }

    /**
     * Decodes {@code file} and writes the sample into {@code out} from {@code offset}.
     *
     * @return {@code null} when it did, else why not (e.g. "is not a PNG, JPEG, BMP or GIF image")
     */
    String decode(byte[] file, byte[] out, int offset) {
        BufferedImage image;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(file))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return "is not a PNG, JPEG, BMP or GIF image";
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    return "has " + reader.getWidth(0) + "x" + reader.getHeight(0) + " pixels, more than the "
                            + MAX_PIXELS / (1024 * 1024) + " megapixels allowed";
                }
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return "could not be decoded (" + why(e) + ")";
        }
        if (image == null) {
            return "could not be decoded (no image in it)";
        }
        try {
            ImageBytes.write(Pixels.resize(image, width, height), grayscale, out, offset);
        } catch (RuntimeException e) {
            return "could not be converted to RGB (" + why(e) + ")";
        }
        return null;
    }

    private static String why(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
