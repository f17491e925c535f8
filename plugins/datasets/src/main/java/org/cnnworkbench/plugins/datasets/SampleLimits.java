package org.cnnworkbench.plugins.datasets;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.api.ParamSpec;

/**
 * {@code train_limit} and {@code test_limit}, the parameters of the providers that read a fixed
 * number of samples from files (IDX, CIFAR): keep only the first N samples of each part, 0 = all.
 */
final class SampleLimits {
    static final String TRAIN_LIMIT = "train_limit";
    static final String TEST_LIMIT = "test_limit";

    private SampleLimits() {
    }

    /** {@code own} parameters followed by the two; {@code samples} names what is counted ("images", "samples"). */
    static List<ParamSpec> after(String samples, ParamSpec... own) {
        List<ParamSpec> all = new ArrayList<>(List.of(own));
        all.add(ParamSpec.integer(TRAIN_LIMIT, 0, 0, Integer.MAX_VALUE,
                "keep only the first N training " + samples + " (0 = all), for quick runs"));
        all.add(ParamSpec.integer(TEST_LIMIT, 0, 0, Integer.MAX_VALUE,
                "keep only the first N test " + samples + " (0 = all), for quick runs"));
        return List.copyOf(all);
    }
}
