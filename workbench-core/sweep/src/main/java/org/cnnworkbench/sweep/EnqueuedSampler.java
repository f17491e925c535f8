package org.cnnworkbench.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code enqueue:}: configurations 0 .. k-1 are the listed ones (a parameter a listed configuration
 * leaves out is filled in by the strategy's own proposal for that number; inactive conditional
 * parameters are dropped); configuration {@code n >= k} is the strategy's configuration {@code n - k},
 * which still sees every finished configuration, the enqueued ones included.
 */
final class EnqueuedSampler implements Sampler {

    private final SearchSpace space;
    private final List<Map<String, Object>> enqueued;
    private final Sampler strategy;

    EnqueuedSampler(SearchSpace space, List<Map<String, Object>> enqueued, Sampler strategy) {
        this.space = space;
        this.enqueued = List.copyOf(enqueued);
        this.strategy = strategy;
    }

    @Override
    public Map<String, Object> sample(int number, List<FinishedTrial> history) {
        if (number >= enqueued.size()) {
            return strategy.sample(number - enqueued.size(), history);
        }
        Map<String, Object> given = enqueued.get(number);
        Map<String, Object> filler = given.keySet().containsAll(space.parameters().keySet()) ? Map.of()
                : strategy.sample(number, history);
        Map<String, Object> chosen = new LinkedHashMap<>();
        for (SearchSpace.Parameter p : space.samplingOrder()) {
            if (p.isActive(chosen)) {
                Object v = given.containsKey(p.path()) ? given.get(p.path()) : filler.get(p.path());
                if (v == null) {
                    v = p.distribution().probeValues().get(0);
                }
                chosen.put(p.path(), v);
            }
        }
        return space.inFileOrder(chosen);
    }

    @Override
    public OptionalInt size() {
        OptionalInt inner = strategy.size();
        return inner.isPresent() ? OptionalInt.of(inner.getAsInt() + enqueued.size()) : inner;
    }
}
