package org.cnnworkbench.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/** Independent draws: configuration {@code n} uses its own stream seeded from (seed, n), whatever the history. */
final class RandomSampler implements Sampler {

    private final SearchSpace space;
    private final long seed;

    RandomSampler(SearchSpace space, long seed) {
        this.space = space;
        this.seed = seed;
    }

    @Override
    public Map<String, Object> sample(int number, List<FinishedTrial> history) {
        return draw(space, Seeds.forConfiguration(seed, number, 0));
    }

    @Override
    public OptionalInt size() {
        return OptionalInt.empty();
    }

    /** One configuration: each active parameter drawn from its distribution, in sampling order. */
    static Map<String, Object> draw(SearchSpace space, SplittableRandom random) {
        Map<String, Object> chosen = new LinkedHashMap<>();
        for (SearchSpace.Parameter p : space.samplingOrder()) {
            if (p.isActive(chosen)) {
                chosen.put(p.path(), p.distribution().sample(random));
            }
        }
        return space.inFileOrder(chosen);
    }
}
