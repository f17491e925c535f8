package org.cnnworkbench.sweep;

/** The sampler for a sweep's strategy. */
public final class Samplers {

    private Samplers() {
    }

    public static Sampler create(SweepSpec spec) {
        return switch (spec.strategy()) {
            case GRID -> new GridSampler(spec);
            case RANDOM -> new RandomSampler(spec.space(), spec.seed());
            case TPE -> new TpeSampler(spec);
            case HALTON -> new HaltonSampler(spec.space(), spec.seed());
            case HYPERBAND -> new RandomSampler(spec.space(), spec.seed()); // Hyperband's own sampling is random
        };
    }
}
