package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every experiment file shipped in experiments/ runs — on generated data of its data set's
 * format and image size (the real sets are not on this machine), for one short epoch — and one
 * whose data variable is unset fails with exit 2, naming the variable and where to get the data.
 * The fashion-full files read the real set from Debian's dataset-fashion-mnist: where it is not
 * installed they are skipped, saying so, unless WORKBENCH_REQUIRE_DATASETS=1 (as in CI, whose
 * .ci/run installs the package), which turns the skip into a failure.
 */
class ExperimentFilesTest {
    @TempDir
    static Path dir;

    private static final Map<String, String> ENV = new HashMap<>();
    private static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    private static Path home;

    @BeforeAll
    static void generateStandInData() throws IOException {
        home = dir.resolve("home");
        ENV.putAll(new SeedDataFiles().seedExperimentEnvironment(dir));
    }

    static Stream<Path> experimentFiles() throws IOException {
        return Cli.experimentFiles(name -> name.endsWith(".yaml") && !name.contains("transfer") && !name.contains("finetune"));
    }

    /** Keeps each run to seconds: one epoch, and no more data than the stand-ins have. */
    private static List<String> shortRun(Path file) throws IOException {
        String text = Files.readString(file);
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--home", home.toString(), "--no-progress",
                "--set", "training.epochs=1"));
        if (text.contains("type: idx")) {
            args.addAll(List.of("--set", "dataset.params.train_limit=300", "--set", "dataset.params.test_limit=100"));
        }
        if (text.contains("type: shapes")) {
            args.addAll(List.of("--set", "dataset.params.samples_per_class=20"));
        }
        return args;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("experimentFiles")
    void runsForOneEpochOnGeneratedDataOfItsFormat(Path file) throws IOException {
        if (file.getFileName().toString().startsWith("fashion-full")) {
            boolean installed = Files.isDirectory(FASHION_MNIST);
            if ("1".equals(System.getenv("WORKBENCH_REQUIRE_DATASETS"))) {
                assertThat(installed).as("WORKBENCH_REQUIRE_DATASETS=1 but " + FASHION_MNIST
                        + " is missing: apt-get install dataset-fashion-mnist").isTrue();
            }
            assumeTrue(installed, file.getFileName() + " needs " + FASHION_MNIST + ": apt-get install dataset-fashion-mnist");
        }
        CliResult result = Cli.trainingProcess(ENV, shortRun(file).toArray(String[]::new));

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.out().lines().findFirst()).get().asString().matches("r[0-9]+");
    }

    @Test
    void transferLearningStartsFromAnEarlierRunsModel() throws IOException {
        Path base = Cli.root().resolve("experiments/shapes-small-cnn.yaml");
        Path transferHome = dir.resolve("transfer-home");
        CliResult first = Cli.trainingProcess(ENV, "run", base.toString(), "--home", transferHome.toString(), "--no-progress",
                "--set", "training.epochs=1", "--set", "dataset.params.samples_per_class=20");
        assertThat(first.exitCode()).as(first.describe()).isZero();
        String baseRun = first.out().lines().findFirst().orElseThrow();

        Map<String, String> env = new HashMap<>(ENV);
        env.put("BASE_RUN", baseRun);
        CliResult transfer = Cli.trainingProcess(env, "run", Cli.root().resolve("experiments/shapes-transfer-from-run.yaml").toString(),
                "--home", transferHome.toString(), "--no-progress", "--set", "training.epochs=1",
                "--set", "dataset.params.samples_per_class=20");

        assertThat(transfer.exitCode()).as(transfer.describe()).isZero();
        JsonNode shown = Cli.process("show", transfer.out().lines().findFirst().orElseThrow(), "--json", "--home", transferHome.toString()).json();
        assertThat(shown.get("model_summary").get("trainable_params").asLong())
                .isLessThan(shown.get("model_summary").get("total_params").asLong());
    }

    /**
     * The course's last lesson: catsdogs-vgg16-transfer.yaml (frozen VGG16 base under a Dense(256)
     * head) and its fine-tuning step catsdogs-vgg16-finetune.yaml (from-run of the first, block 5
     * unfrozen), on generated photos at 32x32 for one epoch. ImageNet's weights are not on this
     * machine, so the first runs with fresh weights, its base frozen and VGG16's caffe
     * preprocessing kept as with ImageNet's weights.
     */
    @Test
    void vgg16TransferAndItsFineTuningStepRunOnGeneratedData() throws IOException {
        Path transferHome = dir.resolve("vgg16-home");
        List<String> small = List.of("--set", "training.epochs=1", "--set", "dataset.params.width=32",
                "--set", "dataset.params.height=32", "--no-progress", "--home", transferHome.toString());
        List<String> first = new ArrayList<>(List.of("run", Cli.root().resolve("experiments/catsdogs-vgg16-transfer.yaml").toString(),
                "--set", "architecture.params.weights=none", "--set", "architecture.params.freeze=base",
                "--set", "architecture.params.preprocess=caffe"));
        first.addAll(small);
        CliResult transfer = Cli.trainingProcess(ENV, first.toArray(String[]::new));
        assertThat(transfer.exitCode()).as(transfer.describe()).isZero();
        String baseRun = transfer.out().lines().findFirst().orElseThrow();

        Map<String, String> env = new HashMap<>(ENV);
        env.put("BASE_RUN", baseRun);
        List<String> second = new ArrayList<>(List.of("run", Cli.root().resolve("experiments/catsdogs-vgg16-finetune.yaml").toString()));
        second.addAll(small);
        CliResult fineTune = Cli.trainingProcess(env, second.toArray(String[]::new));
        assertThat(fineTune.exitCode()).as(fineTune.describe()).isZero();

        JsonNode frozenBase = Cli.process("show", baseRun, "--json", "--home", transferHome.toString()).json().get("model_summary");
        JsonNode tuned = Cli.process("show", fineTune.out().lines().findFirst().orElseThrow(), "--json", "--home",
                transferHome.toString()).json().get("model_summary");
        // 32x32: the base's 14,714,688 parameters frozen; the head Dense(256) on 512 features + Dense(1).
        assertThat(frozenBase.get("total_params").asLong()).isEqualTo(14_714_688L + 512 * 256 + 256 + 257);
        assertThat(frozenBase.get("trainable_params").asLong()).isEqualTo(512 * 256 + 256 + 257);
        // Fine-tuning: block 5's three convolutions (3 x 2,359,808) train too, blocks 1-4 stay frozen.
        assertThat(tuned.get("total_params").asLong()).isEqualTo(frozenBase.get("total_params").asLong());
        assertThat(tuned.get("trainable_params").asLong()).isEqualTo(512 * 256 + 256 + 257 + 3 * 2_359_808L);
    }

    @Test
    void anUnsetDataVariableNamesTheVariableAndWhereToGetTheData() {
        CliResult result = Cli.processIn(null, Map.of(), "check", Cli.root().resolve("experiments/cifar10-bn-cnn.yaml").toString(),
                "--home", dir.resolve("unset-home").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("the environment variable CIFAR10_DIR is not set")
                .contains("https://www.cs.toronto.edu/~kriz/cifar.html").doesNotContain("\tat ");
    }
}
