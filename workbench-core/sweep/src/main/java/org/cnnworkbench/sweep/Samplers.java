package org.cnnworkbench.sweep;

/** The sampler for a sweep's strategy. */
public final class Samplers {

    private Samplers() {
    }

    /** The strategy's sampler, trying the spec's {@code enqueue:} configurations first. */
    public static Sampler create(SweepSpec spec) {
        Sampler strategy = strategy(spec);
        return spec.enqueue().isEmpty() ? strategy : new EnqueuedSampler(spec.space(), spec.enqueue(), strategy);
    }

    private static Sampler strategy(SweepSpec spec) {
        return switch (spec.strategy()) {
            case GRID -> new GridSampler(spec);
            case RANDOM -> new RandomSampler(spec.space(), spec.seed());
            case TPE -> new TpeSampler(spec);
            case HALTON -> new HaltonSampler(spec.space(), spec.seed());
            case HYPERBAND -> new RandomSampler(spec.space(), spec.seed()); // Hyperband's own sampling is random
        };
    }
}
