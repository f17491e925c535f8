package org.cnnworkbench.plugins.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.api.ConfigurableExtension;
import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.DatasetProvider;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.PluginInputException;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images in a folder per class (class names = sub-folder names, sorted), PNG, JPEG, BMP or GIF of
 * any size, as {@code channels × height × width} samples scaled to {@code [0, 1]}: resized to
 * {@code width × height} (bilinear, with step-by-step halving first when shrinking by more than
 * half, so downscaled photos keep their detail; the shared {@code Pixels.resize} that
 * {@code workbench predict} uses too, so a predicted photo is prepared exactly like the training
 * images), RGB or grayscale (luminance 0.299 R + 0.587 G + 0.114 B).
 *
 * <p>Either one folder ({@code dir}) from which {@code test_split} and {@code validation_split}
 * hold stratified, seeded parts out; or {@code train_dir} with optional {@code validation_dir} and
 * {@code test_dir}, which must have the same class folders (a part without its folder is held out
 * of {@code train_dir} by its share). Files that cannot be decoded are skipped and reported in one
 * WARN line ("image-folder: skipped 3 unreadable files of 1,204 (cat/a.jpg, ...)"), or fail the
 * load with {@code strict: true}. An empty class folder, a folder without class folders, or a
 * class none of whose files can be read is an error naming the folder.
 *
 * <p>Memory ({@code cache}). With {@code memory} (the default) every image is read, decoded and
 * resized once, at load, on a small thread pool, straight into one 8-bit store
 * (width × height × channels bytes per image: 12 KB at 64×64 RGB, so 1 GB per 80,000 images); no
 * decoded copy is kept twice, and epochs cost no decoding at all. A set that does not fit (530,000
 * images of 64×64×3 need 6.5 GB) is refused before anything is allocated, naming the sizes. With
 * {@code none} only the file list is kept (a few MB for any set): the load still decodes every
 * file once, in parallel, so that unreadable files are found and reported up front exactly as with
 * {@code memory}, and then each sample is decoded again whenever it is read, on the engine's batch
 * producer thread: one decode per image per epoch, which for photos costs more than the training
 * step of a small network. So {@code memory} whenever the set fits, {@code none} only when it does
 * not.
 *
 * <p>The digest is a SHA-256 over every listed file's path below its folder and its own SHA-256
 * (including skipped files), folders in the order training, validation, test.
 */
@Extension
public class ImageFolderDatasetProvider extends ConfigurableExtension implements DatasetProvider {
    static final String DIR = "dir";
    static final String TRAIN_DIR = "train_dir";
    static final String VALIDATION_DIR = "validation_dir";
    static final String TEST_DIR = "test_dir";
    static final String WIDTH = "width";
    static final String HEIGHT = "height";
    static final String COLOR = "color";
    static final String CACHE = "cache";
    static final String STRICT = "strict";
    static final String LIMIT_PER_CLASS = "limit_per_class";

    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderDatasetProvider.class);
    private static final int MAX_THREADS = 8;

    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.optionalPath(DIR, "folder with one sub-folder of images per class (class = sub-folder name);"
                    + " validation_split and test_split hold parts out of it. Give dir, or train_dir for separate folders"),
            ParamSpec.optionalPath(TRAIN_DIR, "training folder with one sub-folder of images per class, when validation"
                    + " or test images have folders of their own (validation_dir, test_dir)"),
            ParamSpec.optionalPath(VALIDATION_DIR, "validation folder with the same class sub-folders as train_dir;"
                    + " without it, validation_split holds images out of train_dir"),
            ParamSpec.optionalPath(TEST_DIR, "test folder with the same class sub-folders as train_dir; without it,"
                    + " test_split holds images out of train_dir"),
            ParamSpec.number(HoldOut.VALIDATION_SPLIT, 0.1, 0, 0.9,
                    "share of the images held out for validation, per class (seeded); 0 = none; ignored with validation_dir"),
            ParamSpec.number(HoldOut.TEST_SPLIT, 0.0, 0, 0.9,
                    "share of the images held out for testing, per class (seeded); 0 = none; ignored with test_dir"),
            ParamSpec.integer(WIDTH, 64, 4, 4096, "width in pixels every image is resized to"),
            ParamSpec.integer(HEIGHT, 64, 4, 4096, "height in pixels every image is resized to"),
            ParamSpec.choice(COLOR, "rgb", List.of("rgb", "grayscale"),
                    "rgb (3 channels) or grayscale (1 channel: luminance 0.299 R + 0.587 G + 0.114 B)"),
            ParamSpec.choice(CACHE, "memory", List.of("memory", "none"), "memory: decode every image once at load and"
                    + " keep it as bytes (width x height x channels each); none: keep only the file list and decode each"
                    + " image whenever it is read, for sets larger than memory (slower epochs)"),
            ParamSpec.bool(STRICT, false, "fail on an unreadable or corrupt image instead of skipping it"
                    + " (skipped files are counted in a warning)"),
            ParamSpec.integer(LIMIT_PER_CLASS, 0, 0, Integer.MAX_VALUE,
                    "use only the first N images (by file name) of each class folder; 0 = all"));

    public ImageFolderDatasetProvider() {
        super("image-folder",
                "folders of PNG/JPEG/BMP/GIF images, one sub-folder per class; resized, RGB or grayscale",
                PARAMETERS);
    }

    @Override
    public DatasetSplits load(Params params, long seed) throws IOException {
        Folders given = folders(params);
        int limit = params.getInt(LIMIT_PER_CLASS);
        ClassFolders train = ClassFolders.scan(given.trainParam(), given.train(), limit);
        if (train.classes().size() < 2) {
            throw new PluginInputException(given.trainParam() + ": " + given.train() + " has only one class folder ("
                    + train.classes().get(0) + "); a classification dataset needs at least 2: add a sub-folder of images"
                    + " for each class");
        }
        ClassFolders validation = given.validation() == null ? null
                : ClassFolders.scan(VALIDATION_DIR, given.validation(), limit);
        ClassFolders test = given.test() == null ? null : ClassFolders.scan(TEST_DIR, given.test(), limit);
        for (ClassFolders other : new ClassFolders[] {validation, test}) {
            if (other != null) {
                train.requireSameClasses(other);
            }
        }

        boolean grayscale = params.getString(COLOR).equals("grayscale");
        ImageDecoder decoder = new ImageDecoder(params.getInt(WIDTH), params.getInt(HEIGHT), grayscale);
        FolderImages images = new FolderImages(decoder, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
        boolean cache = params.getString(CACHE).equals("memory");
        boolean separate = given.dir() == null;
        SkipReport skips = new SkipReport();
        List<FolderImages.Loaded> loaded = new ArrayList<>();
        for (ClassFolders folder : new ClassFolders[] {train, validation, test}) {
            if (folder != null) {
                String prefix = separate ? folder.root().getFileName() + "/" : "";
                loaded.add(images.load(folder, cache, skips, prefix));
            }
        }
        if (skips.skipped() > 0) {
            if (params.getBoolean(STRICT)) {
                throw new PluginInputException(skips.failure(STRICT));
            }
            LOG.warn(skips.warning());
        }
        loaded.forEach(FolderImages::requireEveryClass);

        MessageDigest digest = Sha256.create();
        loaded.forEach(folder -> FolderImages.digest(folder, digest));
        DataSource all = loaded.get(0).source();
        DataSource validationSource = validation == null ? null : loaded.get(1).source();
        DataSource testSource = test == null ? null : loaded.get(loaded.size() - 1).source();
        HoldOut.Indices parts = HoldOut.split(all, validation == null ? params.getDouble(HoldOut.VALIDATION_SPLIT) : 0,
                test == null ? params.getDouble(HoldOut.TEST_SPLIT) : 0, seed, separate ? "training images" : "images");
        InputShape shape = InputShape.image(decoder.channels(), decoder.height(), decoder.width());
        return new DatasetSplits(shape, train.classes(), parts.train(all),
                validation == null ? parts.validation(all) : validationSource,
                test == null ? parts.test(all) : testSource, Sha256.hex(digest));
    }

    /** The folders given: {@code dir} alone, or {@code train_dir} with optional validation and test folders. */
    private record Folders(Path dir, Path train, Path validation, Path test) {
        String trainParam() {
            return dir != null ? DIR : TRAIN_DIR;
        }
    }

    private static Folders folders(Params params) {
        boolean dir = params.has(DIR);
        boolean train = params.has(TRAIN_DIR);
        if (dir && train) {
            throw new PluginInputException(DIR + " and " + TRAIN_DIR + " are both given; give " + DIR + " for one folder"
                    + " that validation_split and test_split divide, or " + TRAIN_DIR + " (with validation_dir and"
                    + " test_dir if you have them) for separate folders, not both");
        }
        if (!dir && !train) {
            throw new PluginInputException("no image folder given; give " + DIR + " (one folder with a sub-folder of"
                    + " images per class) or " + TRAIN_DIR + " (with validation_dir and test_dir if you have them)");
        }
        if (dir) {
            for (String separate : List.of(VALIDATION_DIR, TEST_DIR)) {
                if (params.has(separate)) {
                    throw new PluginInputException(separate + " is given with " + DIR + "; with " + DIR + ", validation_split"
                            + " and test_split hold parts out of it. For separate folders give " + TRAIN_DIR
                            + " instead of " + DIR);
                }
            }
            Path path = params.getPath(DIR);
            return new Folders(path, path, null, null);
        }
        return new Folders(null, params.getPath(TRAIN_DIR), params.has(VALIDATION_DIR) ? params.getPath(VALIDATION_DIR) : null,
                params.has(TEST_DIR) ? params.getPath(TEST_DIR) : null);
    }
}
