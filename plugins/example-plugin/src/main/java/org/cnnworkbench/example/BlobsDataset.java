package org.cnnworkbench.example;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.DatasetProvider;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.pf4j.Extension;

/**
 * A dataset generated from the trial's seed: grayscale images of one bright Gaussian blob on a
 * noisy background, the blob's position telling the class (class {@code c} sits on a circle
 * around the centre, at {@code c / classes} of a turn from the top). It needs no files, so an
 * experiment using it runs anywhere, and a network should learn it within a few epochs.
 *
 * <p>What a {@link DatasetProvider} must do, as this one does it:
 * <ul>
 *   <li><b>Declare its parameters</b> in {@link #parameters()}: the engine checks every value of an
 *       experiment file against these declarations (type, range) before anything trains, and
 *       passes {@link #load} only valid values, defaults filled in.</li>
 *   <li><b>Keep no state.</b> The engine calls {@link #load} once per trial on the trial's thread;
 *       one instance of this class serves every trial, so everything a trial needs is in the
 *       returned {@link DatasetSplits}.</li>
 *   <li><b>Be repeatable.</b> All randomness comes from {@code seed}: the same parameters and seed
 *       give the same images, so a run can be repeated exactly.</li>
 *   <li><b>Give samples, not batches.</b> Each split is a {@link DataSource}; the engine batches,
 *       shuffles and augments. Sources are read from the engine's data thread, possibly for
 *       several indices at once, so they must not change after creation ({@link BlobSource} draws
 *       each image on demand from its own seed and holds no pixels).</li>
 *   <li><b>Say what is missing.</b> A split the data lacks is {@code null}
 *       ({@code held_out_per_class: 0} gives neither validation nor test data). A user's mistake
 *       that the declarations cannot catch (a missing or malformed file, for readers of files) is
 *       reported with {@link org.cnnworkbench.api.PluginInputException}.</li>
 *   <li><b>Fingerprint the data</b> ({@link DatasetSplits#digest()}): recorded with every run as
 *       its dataset provenance; here a SHA-256 of what determines the images.</li>
 * </ul>
 */
@Extension
public class BlobsDataset implements DatasetProvider {
    static final String WIDTH = "width";
    static final String HEIGHT = "height";
    static final String CLASSES = "classes";
    static final String SAMPLES_PER_CLASS = "samples_per_class";
    static final String HELD_OUT_PER_CLASS = "held_out_per_class";
    static final String NOISE = "noise";

    /** Which split a source draws, so that validation and test images differ from training ones. */
    private static final int TRAIN = 0;
    private static final int VALIDATION = 1;
    private static final int TEST = 2;

    // Declared once and returned on every call: the engine reads declarations more than once.
    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.integer(WIDTH, 16, 4, 128, "image width in pixels"),
            ParamSpec.integer(HEIGHT, 16, 4, 128, "image height in pixels"),
            ParamSpec.integer(CLASSES, 3, 2, 8, "number of classes, each a blob position on a circle"),
            ParamSpec.integer(SAMPLES_PER_CLASS, 100, 1, 100_000, "training images per class"),
            ParamSpec.integer(HELD_OUT_PER_CLASS, 25, 0, 100_000,
                    "validation images per class, and as many test images; 0 = no validation or test data"),
            ParamSpec.number(NOISE, 0.1, 0, 1, "standard deviation of the Gaussian noise added to each pixel"));

    @Override
    public String id() {
        return "example-blobs";
    }

    @Override
    public String description() {
        return "Generated images of a Gaussian blob whose position is the class (no files needed)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public DatasetSplits load(Params params, long seed) {
        int width = params.getInt(WIDTH);
        int height = params.getInt(HEIGHT);
        int classes = params.getInt(CLASSES);
        double noise = params.getDouble(NOISE);
        int heldOut = params.getInt(HELD_OUT_PER_CLASS);
        DataSource train = new BlobSource(width, height, classes, noise, params.getInt(SAMPLES_PER_CLASS), seed, TRAIN);
        DataSource validation = heldOut == 0 ? null : new BlobSource(width, height, classes, noise, heldOut, seed, VALIDATION);
        DataSource test = heldOut == 0 ? null : new BlobSource(width, height, classes, noise, heldOut, seed, TEST);
        return new DatasetSplits(InputShape.image(1, height, width), classNames(classes), train, validation, test,
                digest(params, seed));
    }

    /** {@code blob-0}, {@code blob-1}, ...: the label of index {@code i} is {@code classNames.get(i)}. */
    private static List<String> classNames(int classes) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("blob-" + c);
        }
        return names;
    }

    /** A SHA-256 of everything that determines the images: the generator, its parameters and the seed. */
    private String digest(Params params, long seed) {
        String identity = BlobSource.GENERATOR + " " + new TreeMap<>(params.asMap()) + " seed=" + seed;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
