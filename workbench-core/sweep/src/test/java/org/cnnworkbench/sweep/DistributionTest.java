package org.cnnworkbench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void continuousGridValuesAreEvenlyOrLogSpacedWithBothEnds() {
        assertThat(new Distribution.Uniform(0, 1).gridValues(5)).containsExactly(0.0, 0.25, 0.5, 0.75, 1.0);
        List<Object> log = new Distribution.LogUniform(1e-4, 1e-2).gridValues(3);
        assertThat(log).hasSize(3);
        assertThat((Double) log.get(0)).isEqualTo(1e-4);
        assertThat((Double) log.get(1)).isCloseTo(1e-3, within(1e-12));
        assertThat((Double) log.get(2)).isEqualTo(1e-2);
    }

    @Test
    void continuousGridWithoutGridPointsIsRefused() {
        assertThatThrownBy(() -> new Distribution.Uniform(0, 1).gridValues(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("grid_points");
    }

    @Test
    void intGridIsTheWholeLatticeOrASpacedPartOfIt() {
        assertThat(new Distribution.IntRange(16, 64, 16, false).gridValues(null)).containsExactly(16L, 32L, 48L, 64L);
        assertThat(new Distribution.IntRange(0, 100, 1, false).gridValues(3)).containsExactly(0L, 50L, 100L);
        assertThat(new Distribution.IntRange(1, 1000, 1, true).gridValues(4)).containsExactly(1L, 10L, 100L, 1000L);
    }

    @Test
    void probeValuesAreChoicesEndsOrTheFixedValue() {
        assertThat(new Distribution.Choice(List.of("a", 2)).probeValues()).containsExactly("a", 2);
        assertThat(new Distribution.Uniform(0.1, 0.5).probeValues()).containsExactly(0.1, 0.5);
        assertThat(new Distribution.IntRange(3, 9, 3, false).probeValues()).containsExactly(3L, 9L);
        assertThat(new Distribution.Fixed("adam").probeValues()).containsExactly("adam");
    }

    @Test
    void samplesStayInsideTheirRangeAndLattice() {
        SplittableRandom random = new SplittableRandom(1);
        Distribution.IntRange ints = new Distribution.IntRange(16, 64, 16, false);
        Distribution.IntRange logInts = new Distribution.IntRange(32, 256, 1, true);
        for (int i = 0; i < 2000; i++) {
            assertThat((Double) new Distribution.Uniform(-1, 2).sample(random)).isBetween(-1.0, 2.0);
            assertThat((Double) new Distribution.LogUniform(1e-4, 1e-2).sample(random)).isBetween(1e-4, 1e-2);
            assertThat((Long) ints.sample(random)).isIn(16L, 32L, 48L, 64L);
            assertThat((Long) logInts.sample(random)).isBetween(32L, 256L);
        }
    }

    @Test
    void logIntDrawsFavourSmallValues() {
        SplittableRandom random = new SplittableRandom(3);
        Distribution.IntRange logInts = new Distribution.IntRange(1, 1000, 1, true);
        long belowHundred = java.util.stream.IntStream.range(0, 3000).filter(i -> (Long) logInts.sample(random) < 100).count();
        // Log-uniform: about two thirds of the draws fall in [1, 100); uniform would give one tenth.
        assertThat(belowHundred).isBetween(1800L, 2200L);
    }

    @Test
    void invalidRangesAreProgrammingMistakes() {
        assertThatThrownBy(() -> new Distribution.IntRange(16, 64, 10, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Distribution.LogUniform(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Distribution.Choice(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
