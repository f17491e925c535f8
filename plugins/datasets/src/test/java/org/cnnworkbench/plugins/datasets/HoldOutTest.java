package org.cnnworkbench.plugins.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.api.Splits;
import org.junit.jupiter.api.Test;

class HoldOutTest {
    /** 1,000 samples: 600 of class 0, 300 of class 1, 100 of class 2. */
    private static final DataSource SOURCE = new DataSource() {
        @Override
        public int size() {
            return 1000;
        }

        @Override
        public int label(int index) {
            return index % 10 < 6 ? 0 : index % 10 < 9 ? 1 : 2;
        }

        @Override
        public void read(int index, float[] destination, int offset) {
            destination[offset] = index;
        }
    };

    private static int[] perClass(int[] indices) {
        int[] counts = new int[3];
        for (int i : indices) {
            counts[SOURCE.label(i)]++;
        }
        return counts;
    }

    @Test
    void bothSharesAreOfTheWholeSetAndStratified() {
        HoldOut.Indices parts = HoldOut.split(SOURCE, 0.1, 0.2, 7, "samples");

        assertThat(perClass(parts.test())).containsExactly(120, 60, 20);
        assertThat(perClass(parts.validation())).containsExactly(60, 30, 10);
        assertThat(perClass(parts.train())).containsExactly(420, 210, 70);
        int[] all = IntStream.concat(IntStream.concat(Arrays.stream(parts.train()), Arrays.stream(parts.validation())),
                Arrays.stream(parts.test())).sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, 1000).toArray());
    }

    @Test
    void withoutATestShareTheValidationPartIsSplitsStratifiedWithTheSeed() {
        HoldOut.Indices parts = HoldOut.split(SOURCE, 0.1, 0, 7, "samples");

        assertThat(parts.test()).isNull();
        assertThat(parts.validation()).isEqualTo(Splits.stratified(SOURCE, 0.1, 7).validation());
    }

    @Test
    void isDeterministicPerSeed() {
        assertThat(HoldOut.split(SOURCE, 0.1, 0.1, 3, "samples").test())
                .isEqualTo(HoldOut.split(SOURCE, 0.1, 0.1, 3, "samples").test())
                .isNotEqualTo(HoldOut.split(SOURCE, 0.1, 0.1, 4, "samples").test());
        assertThat(HoldOut.split(SOURCE, 0.1, 0.1, 3, "samples").validation())
                .isEqualTo(HoldOut.split(SOURCE, 0.1, 0.1, 3, "samples").validation());
    }

    @Test
    void zeroSharesGiveNoParts() {
        HoldOut.Indices parts = HoldOut.split(SOURCE, 0, 0, 1, "samples");

        assertThat(parts.validation()).isNull();
        assertThat(parts.test()).isNull();
        assertThat(parts.train()).hasSize(1000);
        assertThat(parts.validation(SOURCE)).isNull();
    }

    @Test
    void refusesATestShareThatGivesNoTestSample() {
        assertThatThrownBy(() -> HoldOut.split(SOURCE, 0, 0.0001, 1, "rows"))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("test_split: 1.0E-4 of 1,000 rows leaves no test sample; choose a value in (0, 0.9] that gives"
                        + " both parts at least one sample, or 0 for no test");
    }
}
