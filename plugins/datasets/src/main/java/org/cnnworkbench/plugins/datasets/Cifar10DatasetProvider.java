package org.cnnworkbench.plugins.datasets;

import java.io.IOException;
import java.util.List;
import org.cnnworkbench.api.ConfigurableExtension;
import org.cnnworkbench.api.DatasetProvider;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.pf4j.Extension;

/**
 * CIFAR-10 in its binary version: the folder {@code cifar-10-batches-bin} with
 * {@code data_batch_1.bin} … {@code data_batch_5.bin} (50,000 training images) and
 * {@code test_batch.bin} (10,000), each record one label byte and 3,072 pixel bytes. Samples are
 * 3 × 32 × 32 RGB images scaled to {@code [0, 1]}; the pixels stay 8-bit in memory (one copy,
 * 150 MB for the whole set). Validation is a stratified, seeded {@code validation_split} of the
 * training files (after {@code train_limit}). Class names come from {@code class_names}, else
 * from the folder's {@code batches.meta.txt}, else are CIFAR-10's ten names. The digest is the
 * SHA-256 of every byte of the six files, training files first.
 */
@Extension
public class Cifar10DatasetProvider extends ConfigurableExtension implements DatasetProvider {
    static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    static final CifarFiles.Format FORMAT = new CifarFiles.Format("CIFAR-10", 1,
            List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"),
            "test_batch.bin", "cifar-10-batches-bin", "cifar-10-binary.tar.gz", "train.bin",
            "it looks like CIFAR-100, use type: cifar100");

    private static final CifarFiles.Label LABEL = new CifarFiles.Label(0, 10, "CIFAR-10 labels");

    private static final List<ParamSpec> PARAMETERS = SampleLimits.after("images",
            ParamSpec.requiredPath(CifarFiles.DIR, "folder of CIFAR-10's binary version (data_batch_1.bin … data_batch_5.bin,"
                    + " test_batch.bin); get cifar-10-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html and"
                    + " give the folder cifar-10-batches-bin it extracts to"),
            ParamSpec.number(HoldOut.VALIDATION_SPLIT, 0.1, 0, 0.9,
                    "share of the training images held out for validation, per class; 0 = none"),
            ParamSpec.string(ClassNames.PARAM, null,
                    "10 comma-separated class names in label order; default: batches.meta.txt, else airplane … truck"));

    public Cifar10DatasetProvider() {
        super("cifar10",
                "CIFAR-10, binary version (data_batch_1.bin … test_batch.bin): 32x32 RGB, 10 classes",
                PARAMETERS);
    }

    @Override
    public DatasetSplits load(Params params, long seed) throws IOException {
        return CifarFiles.complete(FORMAT, params).splits(params, seed, LABEL, "batches.meta.txt", CLASS_NAMES, "CIFAR-10");
    }
}
