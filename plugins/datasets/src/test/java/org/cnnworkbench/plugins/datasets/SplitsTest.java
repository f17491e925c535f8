package org.cnnworkbench.plugins.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.Splits;
import org.junit.jupiter.api.Test;

/** {@link Splits} lives in the API module, which has no tests of its own; the IDX provider is its first user. */
class SplitsTest {

    /** 100 samples: 40 of class 0, 30 of class 1, 20 of class 2, 10 of class 3, interleaved. */
    private static final DataSource UNEVEN = labelled(IntStream.range(0, 100)
            .map(i -> i % 10 < 4 ? 0 : i % 10 < 7 ? 1 : i % 10 < 9 ? 2 : 3).toArray());

    private static DataSource labelled(int[] labels) {
        return new LabelledSource(labels) {
            @Override
            public void read(int index, float[] destination, int offset) {
                destination[offset] = index;
            }
        };
    }

    private static int[] perClass(int[] indices) {
        int[] counts = new int[4];
        for (int index : indices) {
            counts[UNEVEN.label(index)]++;
        }
        return counts;
    }

    @Test
    void givesEachClassItsShareOfTheValidationPart() {
        Splits.Partition partition = Splits.stratified(UNEVEN, 0.1, 3);

        assertThat(perClass(partition.validation())).containsExactly(4, 3, 2, 1);
        assertThat(perClass(partition.train())).containsExactly(36, 27, 18, 9);
    }

    @Test
    void partsAreDisjointSortedAndCoverEverySample() {
        Splits.Partition partition = Splits.stratified(UNEVEN, 0.25, 3);

        int[] all = IntStream.concat(Arrays.stream(partition.train()), Arrays.stream(partition.validation()))
                .sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, 100).toArray());
        assertThat(partition.train()).isSorted();
        assertThat(partition.validation()).isSorted().hasSize(25);
    }

    @Test
    void roundingGoesToTheClassesWithTheLargestRemainders() {
        // 0.25 of 40/30/20/10 = 10/7.5/5/2.5; total 25: the two halves cannot both round up.
        int[] counts = perClass(Splits.stratified(UNEVEN, 0.25, 3).validation());

        assertThat(counts[0]).isEqualTo(10);
        assertThat(counts[2]).isEqualTo(5);
        assertThat(counts[1] + counts[3]).isEqualTo(10);
    }

    @Test
    void isDeterministicPerSeed() {
        assertThat(Splits.stratified(UNEVEN, 0.3, 11).validation())
                .isEqualTo(Splits.stratified(UNEVEN, 0.3, 11).validation());
        assertThat(Splits.stratified(UNEVEN, 0.3, 11).validation())
                .isNotEqualTo(Splits.stratified(UNEVEN, 0.3, 12).validation());
    }

    @Test
    void zeroFractionKeepsEverythingForTraining() {
        Splits.Partition partition = Splits.stratified(UNEVEN, 0, 1);

        assertThat(partition.validation()).isEmpty();
        assertThat(partition.train()).hasSize(100);
    }

    @Test
    void refusesFractionsOutsideZeroToOne() {
        assertThatThrownBy(() -> Splits.stratified(UNEVEN, 1.0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("validation fraction must be in [0, 1), found 1.0");
        assertThatThrownBy(() -> Splits.stratified(UNEVEN, Double.NaN, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
