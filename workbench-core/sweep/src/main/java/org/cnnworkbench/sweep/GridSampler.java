package org.cnnworkbench.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * The grid's configurations in an order shuffled with the sweep seed (Fisher-Yates), so that a
 * {@code trials} budget smaller than the grid spreads over it instead of covering one corner; the same
 * seed always gives the same order.
 */
final class GridSampler implements Sampler {

    private final List<Map<String, Object>> configurations;

    GridSampler(SweepSpec spec) {
        List<Map<String, Object>> all = new ArrayList<>(Grid.enumerate(spec.space(), spec.gridPoints(), Grid.MAX_SIZE));
        SplittableRandom random = Seeds.forConfiguration(spec.seed(), 0, 2);
        for (int i = all.size() - 1; i > 0; i--) {
            Collections.swap(all, i, random.nextInt(i + 1));
        }
        this.configurations = all.stream().map(Collections::unmodifiableMap).toList();
    }

    @Override
    public Map<String, Object> sample(int number, List<FinishedTrial> history) {
        if (number < 0 || number >= configurations.size()) {
            throw new IllegalArgumentException("the grid has " + configurations.size() + " configurations (0 to "
                    + (configurations.size() - 1) + "), found configuration number " + number);
        }
        return configurations.get(number);
    }

    @Override
    public OptionalInt size() {
        return OptionalInt.of(configurations.size());
    }
}
