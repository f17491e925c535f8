package org.cnnworkbench.plugins.datasets;

import java.io.IOException;
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

/**
 * MNIST and Fashion-MNIST in their IDX files ({@code train-images-idx3-ubyte.gz}, ...), gzip or
 * raw. Samples are 1 × rows × columns grayscale images scaled to {@code [0, 1]}; labels are the
 * label files' bytes. Validation comes from separate files when {@code validation_images} and
 * {@code validation_labels} are given, else from a stratified, seeded {@code validation_split} of
 * the training files (after {@code train_limit}). Separate validation files are read whole.
 * The digest is the SHA-256 of every byte of the files read (whole files, also under a limit),
 * in the order training, validation, test, images before labels.
 */
@Extension
public class IdxDatasetProvider extends ConfigurableExtension implements DatasetProvider {
    static final String TRAIN_IMAGES = "train_images";
    static final String TRAIN_LABELS = "train_labels";
    static final String VALIDATION_IMAGES = "validation_images";
    static final String VALIDATION_LABELS = "validation_labels";
    static final String TEST_IMAGES = "test_images";
    static final String TEST_LABELS = "test_labels";
    static final String VALIDATION_SPLIT = HoldOut.VALIDATION_SPLIT;
    static final String CLASS_NAMES = ClassNames.PARAM;

    private static final List<ParamSpec> PARAMETERS = SampleLimits.after("samples",
            ParamSpec.requiredPath(TRAIN_IMAGES, "IDX image file of the training set (idx3-ubyte, gzip or raw)"),
            ParamSpec.requiredPath(TRAIN_LABELS, "IDX label file of the training set (idx1-ubyte, gzip or raw)"),
            ParamSpec.optionalPath(TEST_IMAGES, "IDX image file of the test set"),
            ParamSpec.optionalPath(TEST_LABELS, "IDX label file of the test set"),
            ParamSpec.optionalPath(VALIDATION_IMAGES, "IDX image file of a separate validation set"),
            ParamSpec.optionalPath(VALIDATION_LABELS, "IDX label file of a separate validation set"),
            ParamSpec.number(VALIDATION_SPLIT, 0.1, 0, 0.9,
                    "share of the training files held out for validation, per class; 0 = none;"
                            + " ignored with separate validation files"),
            ParamSpec.string(CLASS_NAMES, null, "comma-separated class names in label order; default 0..N-1"));

    public IdxDatasetProvider() {
        super("idx",
                "MNIST-style IDX image and label files (MNIST, Fashion-MNIST), gzip or raw",
                PARAMETERS);
    }

    @Override
    public DatasetSplits load(Params params, long seed) throws IOException {
        IdxReader reader = new IdxReader();
        IdxPart train = read(reader, params, TRAIN_IMAGES, TRAIN_LABELS, params.getInt(SampleLimits.TRAIN_LIMIT));
        IdxPart validation = givenPair(params, VALIDATION_IMAGES, VALIDATION_LABELS)
                ? read(reader, params, VALIDATION_IMAGES, VALIDATION_LABELS, 0) : null;
        IdxPart test = givenPair(params, TEST_IMAGES, TEST_LABELS)
                ? read(reader, params, TEST_IMAGES, TEST_LABELS, params.getInt(SampleLimits.TEST_LIMIT)) : null;
        List<IdxPart> parts = new ArrayList<>(List.of(train));
        for (IdxPart part : new IdxPart[] {validation, test}) {
            if (part != null) {
                part.requireSameImageSize(train);
                parts.add(part);
            }
        }
        List<String> classNames = ClassNames.of(ClassNames.given(params), parts);
        DataSource trainSource = train.source();
        DataSource validationSource = validation == null ? null : validation.source();
        double fraction = params.getDouble(VALIDATION_SPLIT);
        if (validation == null && fraction > 0) {
            HoldOut.Indices held = HoldOut.split(trainSource, fraction, 0, seed, "training samples");
            validationSource = held.validation(trainSource);
            trainSource = held.train(trainSource);
        }
        InputShape shape = InputShape.image(1, train.images().rows(), train.images().cols());
        return new DatasetSplits(shape, classNames, trainSource, validationSource,
                test == null ? null : test.source(), reader.hexDigest());
    }

    private static IdxPart read(IdxReader reader, Params params, String imagesParam, String labelsParam, int limit)
            throws IOException {
        IdxReader.Images images = reader.images(imagesParam, params.getPath(imagesParam), limit);
        IdxReader.Labels labels = reader.labels(labelsParam, params.getPath(labelsParam), limit);
        return new IdxPart(images, labels);
    }

    /** Whether both files of a pair are given; one without the other is a mistake. */
    private static boolean givenPair(Params params, String imagesParam, String labelsParam) {
        boolean images = params.has(imagesParam);
        boolean labels = params.has(labelsParam);
        if (images != labels) {
            String given = images ? imagesParam : labelsParam;
            String missing = images ? labelsParam : imagesParam;
            throw new PluginInputException(given + " is given but " + missing + " is not; give both files or neither");
        }
        return images;
    }
}
