package org.cnnworkbench.api.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

/**
 * A generated image set for demos and tests that need no download: one coloured circle, square or
 * triangle per image, of random size, position, rotation and colour, on a background of another
 * random colour, with Gaussian pixel noise. The shape's colour always differs clearly in luminance
 * from the background, so the classes stay separable in grayscale too. Pure Java2D, headless.
 *
 * <p>The built-in {@code shapes} dataset and {@code workbench datasets make-shapes} both draw
 * through {@link #generate}, so for the same seed, size and noise they hold the same images in the
 * same order: sample {@code i} is class {@code i % 3}, and all samples are drawn in order from one
 * {@code new Random(seed)}. Example:
 * <pre>{@code
 * Shapes.generate(42, 100, 64, 64, 0.1, (classIndex, number, image) ->
 *         ImageIO.write(image, "png", dir.resolve(Shapes.CLASS_NAMES.get(classIndex) + number + ".png").toFile()));
 * }</pre>
 */
public final class Shapes {
    /** The class names, index = label. */
    public static final List<String> CLASS_NAMES = List.of("circle", "square", "triangle");

    /** Smallest width or height drawn; below it the shapes are no longer told apart. */
    public static final int MIN_SIZE = 4;

    /** The radius of the circle around a shape, as shares of the smaller side: at least this... */
    private static final double MIN_RADIUS = 0.2;
    /** ...and at most this, so that the shape always lies wholly inside the image. */
    private static final double MAX_RADIUS = 0.45;
    /** Least luminance difference between shape and background, out of 255. */
    private static final double MIN_CONTRAST = 80;

    private Shapes() {
    }

    /** Receives the generated images in order; {@code number} counts the images of each class from 0. */
    @FunctionalInterface
    public interface Sink<E extends Exception> {
        void accept(int classIndex, int number, BufferedImage image) throws E;
    }

    /**
     * Draws {@code perClass} images of each class, in the order class 0, 1, 2, 0, 1, 2, ..., all
     * from one {@code new Random(seed)}, and hands each to {@code sink} as soon as it is drawn.
     *
     * @throws IllegalArgumentException for sizes below {@link #MIN_SIZE}, a negative count or noise outside [0, 1]
     */
    public static <E extends Exception> void generate(long seed, int perClass, int width, int height, double noise,
                                                      Sink<E> sink) throws E {
        if (perClass < 0) {
            throw new IllegalArgumentException("images per class must be at least 0, found " + perClass);
        }
        Random random = new Random(seed);
        int classes = CLASS_NAMES.size();
        for (int i = 0; i < perClass * classes; i++) {
            int classIndex = i % classes;
            sink.accept(classIndex, i / classes, draw(classIndex, random, width, height, noise));
        }
    }

    /**
     * Draws one image of class {@code classIndex} (0 circle, 1 square, 2 triangle), taking every
     * random choice from {@code random}, as an RGB image of {@code width × height}.
     *
     * @param noise standard deviation of the Gaussian noise added to every pixel and channel, as a
     *              share of the full scale (0.1 = 25.5 of 255); 0 for none
     * @throws IllegalArgumentException for an unknown class, sizes below {@link #MIN_SIZE} or noise outside [0, 1]
     */
    public static BufferedImage draw(int classIndex, Random random, int width, int height, double noise) {
        if (classIndex < 0 || classIndex >= CLASS_NAMES.size()) {
            throw new IllegalArgumentException("class index must be 0 (circle), 1 (square) or 2 (triangle), found " + classIndex);
        }
        if (width < MIN_SIZE || height < MIN_SIZE) {
            throw new IllegalArgumentException("shapes images are at least " + MIN_SIZE + "x" + MIN_SIZE + ", found "
                    + width + "x" + height);
        }
        if (!(noise >= 0 && noise <= 1)) {
            throw new IllegalArgumentException("noise must be in [0, 1], found " + noise);
        }
        Color background = randomColor(random);
        Color foreground = contrasting(background, random);
        double side = Math.min(width, height);
        double radius = side * (MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * random.nextDouble());
        double cx = radius + (width - 2 * radius) * random.nextDouble();
        double cy = radius + (height - 2 * radius) * random.nextDouble();
        double angle = 2 * Math.PI * random.nextDouble();

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(background);
            g.fillRect(0, 0, width, height);
            g.setColor(foreground);
            switch (classIndex) {
                case 0 -> g.fill(new Ellipse2D.Double(cx - 0.9 * radius, cy - 0.9 * radius, 1.8 * radius, 1.8 * radius));
                case 1 -> g.fill(polygon(4, cx, cy, radius, angle));
                default -> g.fill(polygon(3, cx, cy, radius, angle));
            }
        } finally {
            g.dispose();
        }
        if (noise > 0) {
            addNoise(image, random, noise * 255);
        }
        return image;
    }

    /** A regular polygon with {@code corners} corners on the circle of {@code radius} around (cx, cy). */
    private static Path2D polygon(int corners, double cx, double cy, double radius, double angle) {
        Path2D.Double path = new Path2D.Double();
        for (int k = 0; k < corners; k++) {
            double a = angle + 2 * Math.PI * k / corners;
            double x = cx + radius * Math.cos(a);
            double y = cy + radius * Math.sin(a);
            if (k == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        path.closePath();
        return path;
    }

    private static Color randomColor(Random random) {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }

    /** A random colour whose luminance differs from {@code background}'s by at least {@link #MIN_CONTRAST}. */
    private static Color contrasting(Color background, Random random) {
        double base = luminance(background);
        for (int attempt = 0; attempt < 32; attempt++) {
            Color candidate = randomColor(random);
            if (Math.abs(luminance(candidate) - base) >= MIN_CONTRAST) {
                return candidate;
            }
        }
        return base < 128 ? Color.WHITE : Color.BLACK;
    }

    private static double luminance(Color c) {
        return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
    }

    private static void addNoise(BufferedImage image, Random random, double sigma) {
        int width = image.getWidth();
        int[] row = new int[width];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int rgb = row[x];
                int r = noisy((rgb >> 16) & 0xff, random, sigma);
                int g = noisy((rgb >> 8) & 0xff, random, sigma);
                int b = noisy(rgb & 0xff, random, sigma);
                row[x] = (r << 16) | (g << 8) | b;
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
    }

    private static int noisy(int value, Random random, double sigma) {
        return (int) Math.max(0, Math.min(255, Math.round(value + sigma * random.nextGaussian())));
    }
}
