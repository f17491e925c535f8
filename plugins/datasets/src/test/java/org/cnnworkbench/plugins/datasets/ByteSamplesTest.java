package org.cnnworkbench.plugins.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cnnworkbench.api.PluginInputException;
import org.junit.jupiter.api.Test;

class ByteSamplesTest {

    @Test
    void samplesSpreadOverChunksAreWrittenReadAndMovedWhole() {
        // Chunks of 10 bytes hold 3 samples of 3 bytes each: 7 samples need 3 chunks.
        ByteSamples samples = ByteSamples.allocate(7, 3, "test", "", 10);
        for (int i = 0; i < 7; i++) {
            byte[] chunk = samples.chunk(i);
            for (int b = 0; b < 3; b++) {
                chunk[samples.offset(i) + b] = (byte) (i * 10 + b + 200);
            }
        }
        samples.copy(6, 1);
        ByteSamples kept = samples.first(2);

        float[] read = new float[4];
        kept.read(1, read, 1);
        assertThat(read).containsExactly(0f, 4 / 255f, 5 / 255f, 6 / 255f);
        kept.read(0, read, 0);
        assertThat(read[0]).isEqualTo(200 / 255f);
        assertThat(kept.count()).isEqualTo(2);
        assertThat(samples.chunk(6)).isNotSameAs(samples.chunk(0));
    }

    @Test
    void refusesToAllocateMoreThanTheJvmHasNamingTheSizesAndTheWayOut() {
        assertThatThrownBy(() -> ByteSamples.allocate(2_000_000, 1_000_000, "dir: 2,000,000 images of 1000x1000x1",
                "set cache: none"))
                .isInstanceOf(PluginInputException.class)
                .hasMessageStartingWith("dir: 2,000,000 images of 1000x1000x1 need 2000.0 GB in memory, but the JVM can"
                        + " allocate only about ")
                .hasMessageEndingWith("; set cache: none");
    }

    @Test
    void wrapsAnArrayOfWholeSamplesWithoutCopying() {
        byte[] bytes = {1, 2, 3, 4, 5, 6};
        ByteSamples samples = ByteSamples.wrap(bytes, 3);

        assertThat(samples.count()).isEqualTo(2);
        assertThat(samples.chunk(1)).isSameAs(bytes);
        assertThat(samples.offset(1)).isEqualTo(3);
        assertThatThrownBy(() -> ByteSamples.wrap(bytes, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
