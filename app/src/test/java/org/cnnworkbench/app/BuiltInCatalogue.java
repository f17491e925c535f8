package org.cnnworkbench.app;

import java.util.ArrayList;
import java.util.List;

/**
 * Every built-in extension as {@code kind:id}: the ids users' experiment files rely on (issue 4's
 * catalogue). A built-in that disappears or is renamed fails the tests that use this list.
 */
final class BuiltInCatalogue {
    static final List<String> DATASETS = List.of("idx", "cifar10", "cifar100", "image-folder", "csv", "shapes");
    static final List<String> ARCHITECTURES = List.of("mlp", "mlp-800", "small-cnn", "lenet5", "lenet5-relu", "two-conv",
            "conv-pool", "cifar-bn-cnn", "keras-cifar10", "small-vggnet", "cars-cnn", "catsdogs-cnn", "conv1d-telemetry",
            "keras-json", "from-run", "resnet", "resnet50", "vgg16", "mobilenet-v2");
    static final List<String> AUGMENTATIONS = List.of("rotation", "shift", "shear", "zoom", "affine", "horizontal-flip",
            "vertical-flip", "brightness", "contrast", "invert", "channel-shift");
    static final List<String> CALLBACKS = List.of("early-stopping", "model-checkpoint", "reduce-lr-on-plateau", "lr-schedule",
            "terminate-on-nan", "overfitting-alarm");

    private BuiltInCatalogue() {
    }

    /** All of them as {@code kind:id}. */
    static List<String> all() {
        List<String> all = new ArrayList<>();
        DATASETS.forEach(id -> all.add("dataset:" + id));
        ARCHITECTURES.forEach(id -> all.add("architecture:" + id));
        AUGMENTATIONS.forEach(id -> all.add("augmentation:" + id));
        CALLBACKS.forEach(id -> all.add("callback:" + id));
        return all;
    }

    /** The architectures as {@code architecture:id}. */
    static List<String> architectures() {
        return ARCHITECTURES.stream().map(id -> "architecture:" + id).toList();
    }
}
