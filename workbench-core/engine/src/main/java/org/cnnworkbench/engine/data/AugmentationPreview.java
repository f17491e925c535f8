package org.cnnworkbench.engine.data;

import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import javax.imageio.ImageIO;
import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.Image;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.run.TrialPreparation;
import org.cnnworkbench.engine.spec.ExperimentSpec;

/**
 * A picture of what an experiment's augmentations do to its training images, to look at before
 * training: one row per training sample (the first ones, in file order), the original in the
 * first column and augmented variants after a wider gap. Small images are enlarged with
 * nearest-neighbour scaling (×4 below 64 pixels, ×2 below 128) so single pixels stay visible.
 *
 * <p>The variants run the experiment's augmentation chain, in the file's order, with one Random
 * seeded by the experiment's seed and used row by row, so the same file and seed always give the
 * same grid. They are samples of what training sees, not the very images of an epoch (training
 * shuffles and seeds each epoch on its own). One-channel images are drawn grey, three-channel
 * ones as RGB, others by their first channel.
 */
public final class AugmentationPreview {
    /** Variants per sample that {@code augment-preview} draws. */
    public static final int VARIANTS = 3;

    private static final int GUTTER = 2;
    private static final int ORIGINAL_GAP = 8;
    private static final int BACKGROUND = 0xD8D8D8;

    private final DataSource train;
    private final InputShape shape;
    private final List<ImageTransform> transforms;
    private final long seed;

    /**
     * A preview of {@code transforms} applied to {@code train}'s images.
     *
     * @param shape the shape of {@code train}'s samples; must be an image
     */
    public AugmentationPreview(DataSource train, InputShape shape, List<ImageTransform> transforms, long seed) {
        this.train = Objects.requireNonNull(train, "train");
        this.shape = Objects.requireNonNull(shape, "shape");
        this.transforms = List.copyOf(transforms);
        this.seed = seed;
        if (shape.kind() != InputShape.Kind.IMAGE) {
            throw new IllegalArgumentException("an augmentation preview needs images, found a sequence of shape " + shape);
        }
    }

    /**
     * The preview of a validated experiment: loads its dataset (only the dataset: no network is
     * built) and creates its augmentations.
     *
     * @throws WorkbenchException if the file has no augmentations or its dataset gives no images
     *                            ({@link ErrorCode#INVALID_ARGUMENT}), the data cannot be read
     *                            ({@link ErrorCode#INVALID_DATA}) or an augmentation refuses its
     *                            parameters ({@link ErrorCode#INVALID_PARAMETER})
     */
    public static AugmentationPreview of(ExperimentSpec spec) {
        String file = spec.file() == null ? "the experiment" : spec.file().toString();
        if (spec.augmentations().isEmpty()) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, file + " has no 'augmentations:' section, so there is "
                    + "nothing to preview. Add one, e.g. 'augmentations: [{type: rotation, params: {degrees: 15}}]' "
                    + "('workbench plugins' lists the augmentation types).");
        }
        List<ImageTransform> transforms = TrialPreparation.createTransforms(spec);
        DatasetSplits data = TrialPreparation.loadData(spec);
        if (data.shape().kind() != InputShape.Kind.IMAGE) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "dataset '" + spec.dataset().id() + "' of " + file
                    + " gives sequences (" + data.shape() + "), not images; augmentations and their preview apply to images only.");
        }
        return new AugmentationPreview(data.train(), data.shape(), transforms, spec.training().seed());
    }

    /** How many training samples there are to show. */
    public int available() {
        return train.size();
    }

    /**
     * The grid for the first {@code samples} training samples (fewer if the split is smaller),
     * each followed by {@code variants} augmented copies.
     */
    public BufferedImage render(int samples, int variants) {
        if (samples < 1 || variants < 0) {
            throw new IllegalArgumentException("samples must be positive and variants not negative, found " + samples + ", " + variants);
        }
        int rows = Math.min(samples, train.size());
        int scale = scale(shape);
        int cellWidth = shape.width() * scale;
        int cellHeight = shape.height() * scale;
        int width = GUTTER + cellWidth + ORIGINAL_GAP + variants * (cellWidth + GUTTER);
        int height = GUTTER + rows * (cellHeight + GUTTER);
        BufferedImage grid = new BufferedImage(width, Math.max(height, 1), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < grid.getHeight(); y++) {
            for (int x = 0; x < grid.getWidth(); x++) {
                grid.setRGB(x, y, BACKGROUND);
            }
        }
        Random random = new Random(seed);
        float[] values = new float[shape.size()];
        for (int row = 0; row < rows; row++) {
            int top = GUTTER + row * (cellHeight + GUTTER);
            train.read(row, values, 0);
            draw(grid, values, GUTTER, top, scale);
            for (int v = 0; v < variants; v++) {
                train.read(row, values, 0);
                Image image = new Image(values, 0, shape.channels(), shape.height(), shape.width());
                for (ImageTransform transform : transforms) {
                    transform.apply(image, random);
                }
                draw(grid, values, GUTTER + cellWidth + ORIGINAL_GAP + v * (cellWidth + GUTTER), top, scale);
            }
        }
        return grid;
    }

    /**
     * Writes {@code grid} as a PNG file, replacing {@code out} only once the whole file is written;
     * missing parent folders are created.
     *
     * @throws WorkbenchException ({@link ErrorCode#INVALID_ARGUMENT}) if {@code out} is a folder or
     *                            cannot be written
     */
    public static void writePng(BufferedImage grid, Path out) {
        Path target = out.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--out " + out + " is a folder; give a file name, e.g. "
                    + out.resolve("grid.png") + ".");
        }
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try (OutputStream stream = Files.newOutputStream(temp)) {
                ImageIO.write(grid, "png", stream);
            }
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | SecurityException e) {
            deleteQuietly(temp);
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "cannot write the preview to --out " + out + ": "
                    + describe(e) + ". Give a file in a folder you can write to.", e);
        }
    }

    /** Nearest-neighbour enlargement: ×4 below 64 pixels on the longer side, ×2 below 128, else ×1. */
    static int scale(InputShape shape) {
        int longer = Math.max(shape.height(), shape.width());
        return longer < 64 ? 4 : longer < 128 ? 2 : 1;
    }

    private void draw(BufferedImage grid, float[] values, int left, int top, int scale) {
        int h = shape.height();
        int w = shape.width();
        int plane = h * w;
        boolean rgb = shape.channels() == 3;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int red = level(values[i]);
                int pixel = rgb ? red << 16 | level(values[plane + i]) << 8 | level(values[2 * plane + i])
                        : red << 16 | red << 8 | red;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        grid.setRGB(left + x * scale + dx, top + y * scale + dy, pixel);
                    }
                }
            }
        }
    }

    /** A value in [0, 1] as 0-255 (values outside are clipped). */
    private static int level(float value) {
        return Math.max(0, Math.min(255, Math.round(value * 255)));
    }

    private static String describe(Exception e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile();
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " exists and is not a folder";
        }
        if (e instanceof FileSystemException f) {
            return (f.getReason() != null ? f.getReason() + ": " : "") + f.getFile();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a stray temporary file is harmless
            }
        }
    }
}
