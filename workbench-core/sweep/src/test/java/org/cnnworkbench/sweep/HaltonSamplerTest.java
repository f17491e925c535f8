package org.cnnworkbench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HaltonSamplerTest {

    static final String SQUARE = """
            {"strategy": "halton", "trials": 36, "seed": %d, "parameters": {"x": {"uniform": [0, 1]}, "y": {"uniform": [0, 1]}}}""";

    /**
     * 36 consecutive points of a (scrambled) Halton sequence in bases 2 and 3 put exactly one point in
     * each of the 4 x 9 boxes of width 1/4 and height 1/9; independent draws almost never do.
     */
    @Test
    void thirtySixPointsFillEveryElementaryBoxOnceForEverySeed() {
        for (long seed = 0; seed < 5; seed++) {
            Sampler halton = Samplers.create(SweepJson.valid(SQUARE.formatted(seed)));
            assertThat(boxCounts(halton)).as("seed %d", seed).containsOnly(1);
        }
        Sampler random = Samplers.create(SweepJson.valid(SQUARE.formatted(0).replace("halton", "random")));
        assertThat(boxCounts(random)).contains(0);
    }

    private static List<Integer> boxCounts(Sampler sampler) {
        int[] counts = new int[36];
        for (int n = 0; n < 36; n++) {
            Map<String, Object> p = sampler.sample(n, List.of());
            int i = (int) Math.floor((Double) p.get("x") * 4);
            int j = (int) Math.floor((Double) p.get("y") * 9);
            counts[i * 9 + j]++;
        }
        List<Integer> out = new ArrayList<>();
        for (int c : counts) {
            out.add(c);
        }
        return out;
    }

    @Test
    void haltonIsReproducibleBySeedAndMapsEveryKindOfDistribution() {
        String mixed = SamplerTest.MIXED.formatted("halton", 5);
        Sampler a = Samplers.create(SweepJson.valid(mixed));
        Sampler b = Samplers.create(SweepJson.valid(mixed));
        Sampler other = Samplers.create(SweepJson.valid(SamplerTest.MIXED.formatted("halton", 6)));
        int smallCnn = 0;
        java.util.Set<Object> filters = new java.util.HashSet<>();
        for (int n = 0; n < 60; n++) {
            Map<String, Object> p = a.sample(n, List.of());
            assertThat(b.sample(n, List.of(new FinishedTrial(0, p, false, 1.0)))).isEqualTo(p);
            assertThat(other.sample(n, List.of())).isNotEqualTo(p);
            assertThat((Double) p.get("training.learning_rate")).isBetween(1e-4, 1e-2);
            filters.add(p.get("architecture.params.filters"));
            assertThat(p.get("training.optimizer")).isEqualTo("adam");
            if (p.get("architecture.type").equals("small-cnn")) {
                smallCnn++;
                assertThat((Long) p.get("units")).isBetween(32L, 256L);
            } else {
                assertThat(p).doesNotContainKey("units");
            }
        }
        assertThat(filters).containsExactlyInAnyOrder(16L, 32L, 48L, 64L);
        // Two choices along a low-discrepancy dimension: very nearly half each.
        assertThat(smallCnn).isBetween(28, 32);
    }

    @Test
    void valueAtMapsQuantilesOntoEachDistribution() {
        assertThat(HaltonSampler.valueAt(new Distribution.Uniform(2, 4), 0.25)).isEqualTo(2.5);
        assertThat((Double) HaltonSampler.valueAt(new Distribution.LogUniform(1e-4, 1e-2), 0.5)).isCloseTo(1e-3,
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(HaltonSampler.valueAt(new Distribution.IntRange(16, 64, 16, false), 0.0)).isEqualTo(16L);
        assertThat(HaltonSampler.valueAt(new Distribution.IntRange(16, 64, 16, false), 0.99)).isEqualTo(64L);
        assertThat(HaltonSampler.valueAt(new Distribution.Choice(List.of("a", "b", "c")), 0.5)).isEqualTo("b");
        assertThat(HaltonSampler.valueAt(new Distribution.Fixed(true), 0.7)).isEqualTo(true);
        assertThat(HaltonSampler.primes(6)).containsExactly(2, 3, 5, 7, 11, 13);
    }
}
