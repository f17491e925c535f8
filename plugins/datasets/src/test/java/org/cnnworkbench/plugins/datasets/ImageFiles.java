package org.cnnworkbench.plugins.datasets;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes real image files for tests with ImageIO, and files that only look like images. */
final class ImageFiles {

    private ImageFiles() {
    }

    /** A {@code width × height} image of one colour (0xRRGGBB), written in the format of the file's extension. */
    static Path solid(Path file, int width, int height, int rgb) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return write(image, file);
    }

    /** An 8-bit grayscale PNG of one value. */
    static Path grayPng(Path file, int width, int height, int value) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, value);
            }
        }
        return write(image, file);
    }

    /** Black and white pixels alternating like a chessboard of 1-pixel squares. */
    static Path checkerboard(Path file, int side) throws IOException {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, (x + y) % 2 == 0 ? 0xffffff : 0x000000);
            }
        }
        return write(image, file);
    }

    /** A file named like an image whose content is not one. */
    static Path corrupt(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, "this is not a picture".getBytes());
    }

    /** The first half of a real PNG: a header that promises more than the file holds. */
    static Path truncatedPng(Path file) throws IOException {
        Path whole = solid(file, 16, 16, 0x123456);
        byte[] bytes = Files.readAllBytes(whole);
        return Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    }

    private static Path write(BufferedImage image, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        String name = file.getFileName().toString();
        String format = name.substring(name.lastIndexOf('.') + 1).toLowerCase();
        if (!ImageIO.write(image, format.equals("jpg") ? "jpeg" : format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return file;
    }
}
