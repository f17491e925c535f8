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
 * CIFAR-100 in its binary version: the folder {@code cifar-100-binary} with {@code train.bin}
 * (50,000 images) and {@code test.bin} (10,000), each record a coarse label byte (20 superclasses),
 * a fine label byte (100 classes) and 3,072 pixel bytes. {@code label_mode} picks which label is
 * the class. Samples, memory, validation and digest as for {@code cifar10}. Class names come from
 * {@code class_names}, else from the folder's {@code fine_label_names.txt} or
 * {@code coarse_label_names.txt}, else are the label numbers.
 */
@Extension
public class Cifar100DatasetProvider extends ConfigurableExtension implements DatasetProvider {
    static final String LABEL_MODE = "label_mode";

    static final CifarFiles.Format FORMAT = new CifarFiles.Format("CIFAR-100", 2, List.of("train.bin"), "test.bin",
            "cifar-100-binary", "cifar-100-binary.tar.gz", "data_batch_1.bin", "it looks like CIFAR-10, use type: cifar10");

    private static final CifarFiles.Label FINE = new CifarFiles.Label(1, 100, "CIFAR-100 fine labels");
    private static final CifarFiles.Label COARSE = new CifarFiles.Label(0, 20, "CIFAR-100 coarse labels");

    private static final List<ParamSpec> PARAMETERS = SampleLimits.after("images",
            ParamSpec.requiredPath(CifarFiles.DIR, "folder of CIFAR-100's binary version (train.bin, test.bin); get"
                    + " cifar-100-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html and give the folder"
                    + " cifar-100-binary it extracts to"),
            ParamSpec.choice(LABEL_MODE, "fine", List.of("fine", "coarse"),
                    "which label is the class: fine (100 classes) or coarse (20 superclasses)"),
            ParamSpec.number(HoldOut.VALIDATION_SPLIT, 0.1, 0, 0.9,
                    "share of the training images held out for validation, per class; 0 = none"),
            ParamSpec.string(ClassNames.PARAM, null, "100 (fine) or 20 (coarse) comma-separated class names in label"
                    + " order; default: fine_label_names.txt / coarse_label_names.txt, else the label numbers"));

    public Cifar100DatasetProvider() {
        super("cifar100",
                "CIFAR-100, binary version (train.bin, test.bin): 32x32 RGB, 100 fine or 20 coarse classes",
                PARAMETERS);
    }

    @Override
    public DatasetSplits load(Params params, long seed) throws IOException {
        CifarFiles files = CifarFiles.complete(FORMAT, params);
        boolean fine = params.getString(LABEL_MODE).equals("fine");
        CifarFiles.Label label = fine ? FINE : COARSE;
        return files.splits(params, seed, label, fine ? "fine_label_names.txt" : "coarse_label_names.txt",
                ClassNames.numbers(label.classes()), "CIFAR-100 (" + params.getString(LABEL_MODE) + " labels)");
    }
}
