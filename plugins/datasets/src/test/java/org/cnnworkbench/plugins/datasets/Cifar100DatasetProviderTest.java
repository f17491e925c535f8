package org.cnnworkbench.plugins.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.testkit.TestParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar100DatasetProviderTest {
    private final Cifar100DatasetProvider provider = new Cifar100DatasetProvider();

    @TempDir
    Path tmp;

    private Params params(Object... values) {
        return TestParams.of(provider, values);
    }

    @Test
    void fineLabelsByDefaultWithTheLabelNumbersAsNames() throws IOException {
        Path dir = CifarFixture.cifar100(tmp.resolve("cifar-100-binary"), 120, 3);

        DatasetSplits splits = provider.load(params("dir", dir, "validation_split", 0.0), 1);

        assertThat(splits.shape()).isEqualTo(InputShape.image(3, 32, 32));
        assertThat(splits.classCount()).isEqualTo(100);
        assertThat(splits.classNames()).startsWith("0", "1").endsWith("99");
        assertThat(Cifar10DatasetProviderTest.labels(splits.train()).subList(98, 102)).containsExactly(98, 99, 0, 1);
        assertThat(Cifar10DatasetProviderTest.labels(splits.test())).containsExactly(99, 98, 97);
        float[] sample = new float[3072];
        splits.test().read(1, sample, 0);
        assertThat(sample[100]).isEqualTo(CifarFixture.pixel(2, 1, 100) / 255f);
    }

    @Test
    void coarseLabelsGiveTwentyClasses() throws IOException {
        Path dir = CifarFixture.cifar100(tmp.resolve("cifar-100-binary"), 40, 3);

        DatasetSplits splits = provider.load(params("dir", dir, "label_mode", "coarse", "validation_split", 0.5), 1);

        assertThat(splits.classCount()).isEqualTo(20);
        assertThat(Cifar10DatasetProviderTest.labels(splits.test())).containsExactly(19, 18, 17);
        assertThat(Cifar10DatasetProviderTest.perClass(splits.validation(), 20)).containsOnly(1);
    }

    @Test
    void readsTheNamesFileOfTheLabelMode() throws IOException {
        Path dir = CifarFixture.cifar100(tmp.resolve("cifar-100-binary"), 20, 2);
        Files.writeString(dir.resolve("coarse_label_names.txt"),
                IntStream.range(0, 20).mapToObj(i -> "super" + i).collect(Collectors.joining("\n")) + "\n");
        Files.writeString(dir.resolve("fine_label_names.txt"),
                IntStream.range(0, 100).mapToObj(i -> "fine" + i).collect(Collectors.joining("\n")) + "\n");

        assertThat(provider.load(params("dir", dir, "label_mode", "coarse"), 1).classNames()).startsWith("super0")
                .hasSize(20);
        assertThat(provider.load(params("dir", dir), 1).classNames()).startsWith("fine0").hasSize(100);
    }

    @Test
    void givenClassNamesMustMatchTheLabelMode() throws IOException {
        Path dir = CifarFixture.cifar100(tmp.resolve("cifar-100-binary"), 20, 2);

        assertThatThrownBy(() -> provider.load(params("dir", dir, "label_mode", "coarse", "class_names", "a,b"), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("class_names: 2 names given, but CIFAR-100 (coarse labels) has 20 classes (labels 0 to 19);"
                        + " give 20 names in label order");
    }

    @Test
    void refusesRecordsOfCifar10Size() throws IOException {
        Path dir = CifarFixture.cifar100(tmp.resolve("cifar-100-binary"), 20, 2);
        CifarFixture.write(dir.resolve("test.bin"), 2, new int[][] {{1}, {2}});

        assertThatThrownBy(() -> provider.load(params("dir", dir), 1))
                .isInstanceOf(PluginInputException.class)
                .hasMessageStartingWith("dir: test.bin in " + dir + " has 6,146 bytes, not a positive multiple of 3,074"
                        + " (a CIFAR-100 record is 2 label bytes + 3,072 pixel bytes)");
    }

    @Test
    void refusesAFineLabelAbove99AndRecognisesCifar10() throws IOException {
        Path dir = CifarFixture.cifar100(tmp.resolve("cifar-100-binary"), 20, 2);
        CifarFixture.write(dir.resolve("test.bin"), 2, new int[][] {{1, 150}});
        Path cifar10 = CifarFixture.cifar10(tmp.resolve("c10"), 2, 2);

        assertThatThrownBy(() -> provider.load(params("dir", dir), 1))
                .hasMessage("dir: test.bin in " + dir + ": record 1 has label 150, but CIFAR-100 fine labels are 0 to 99;"
                        + " the file is not CIFAR-100's binary version");
        assertThatThrownBy(() -> provider.load(params("dir", cifar10), 1))
                .hasMessageContaining("has no train.bin, test.bin")
                .hasMessageContaining("It holds data_batch_1.bin: it looks like CIFAR-10, use type: cifar10.")
                .hasMessageEndingWith("give the folder cifar-100-binary as dir");
    }

    @Test
    void declaresItsParameters() {
        assertThat(provider.id()).isEqualTo("cifar100");
        assertThat(provider.parameters()).extracting(spec -> spec.name())
                .containsExactly("dir", "label_mode", "validation_split", "class_names", "train_limit", "test_limit");
        assertThat(provider.parameters().get(1).allowed()).containsExactly("fine", "coarse");
    }
}
