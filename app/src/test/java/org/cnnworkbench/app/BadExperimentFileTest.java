package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of mistake in an experiment file or on the command line, as a user meets it: a
 * real {@code workbench run} process exits with code 2 and prints one clear message on standard
 * error (the file and line, or the {@code --set}, and what is allowed), no stack trace, nothing
 * on standard output, and no run is recorded.
 */
class BadExperimentFileTest {
    private static final String SAMPLE = Cli.sample().toString();

    /**
     * One bad input: the experiment file's text (null: the file is not written), the overrides,
     * the line the message must name (0: none), and what else it must say.
     */
    record Case(String name, String yaml, List<String> sets, int line, List<String> says) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> badInputs() {
        ExperimentFile tiny = ExperimentFile.tiny();
        return Stream.of(
                new Case("malformed YAML", tiny.withLine(13, "  type: small-cnn: big").text(), List.of(), 13,
                        List.of("not valid YAML")),
                new Case("empty file", "", List.of(), 0, List.of("found an empty file", "'name', 'dataset' and 'architecture'")),
                new Case("missing name", tiny.withoutLine(ExperimentFile.NAME).text(), List.of(), 0,
                        List.of("the experiment needs a 'name'")),
                new Case("unknown top-level section", tiny.append("optimiser: adam").text(), List.of(), 20,
                        List.of("unknown section 'optimiser'", "Allowed: architecture, augmentations, callbacks, dataset")),
                new Case("unknown dataset type", tiny.withLine(ExperimentFile.DATASET_TYPE, "  type: cifar-binary").text(),
                        List.of(), ExperimentFile.DATASET_TYPE, List.of("unknown dataset type 'cifar-binary'", "Available: cifar10, cifar100, csv, idx, image-folder, shapes")),
                new Case("unknown architecture type, near miss",
                        tiny.withLine(ExperimentFile.ARCHITECTURE_TYPE, "  type: lenet").text(), List.of(),
                        ExperimentFile.ARCHITECTURE_TYPE,
                        List.of("unknown architecture type 'lenet'", "Did you mean 'lenet5'?", "Available: cars-cnn, catsdogs-cnn")),
                new Case("unknown parameter", tiny.withLine(ExperimentFile.TRAIN_LIMIT, "    train_limt: 600").text(), List.of(),
                        ExperimentFile.TRAIN_LIMIT,
                        List.of("unknown parameter 'train_limt' for dataset 'idx'", "Did you mean 'train_limit'?",
                                "Allowed: train_images")),
                new Case("wrong type: text for an integer", tiny.withLine(ExperimentFile.EPOCHS, "  epochs: two").text(), List.of(),
                        ExperimentFile.EPOCHS, List.of("'epochs'", "must be a whole number, found text 'two'", "[1, 100000]")),
                new Case("out-of-range value", tiny.withLine(ExperimentFile.VALIDATION_SPLIT, "    validation_split: 1.5").text(),
                        List.of(), ExperimentFile.VALIDATION_SPLIT,
                        List.of("'validation_split' of dataset 'idx' is 1.5", "out of range", "allowed [0.0, 0.9]")),
                new Case("value not among the choices",
                        tiny.append("callbacks:", "  - type: early-stopping", "    params:", "      monitor: val_los").text(),
                        List.of(), 23,
                        List.of("'val_los'", "Did you mean 'val_loss'?", "loss | accuracy | val_loss | val_accuracy")),
                new Case("missing data file",
                        tiny.withLine(ExperimentFile.TEST_IMAGES, "    test_images: " + SAMPLE + "/no-such-images.gz").text(),
                        List.of(), ExperimentFile.TEST_IMAGES,
                        List.of("'test_images'", SAMPLE + "/no-such-images.gz does not exist")),
                new Case("--set with an invalid path", tiny.text(), List.of("training..epochs=1"), 0,
                        List.of("--set training..epochs=1", "is not a valid path")),
                new Case("--set without PATH=VALUE", tiny.text(), List.of("epochs"), 0,
                        List.of("--set epochs", "expected PATH=VALUE")),
                new Case("--set of a list element that does not exist", tiny.text(),
                        List.of("augmentations[0].params.probability=0.3"), 0,
                        List.of("--set augmentations[0].params.probability=0.3", "no element [0]")),
                new Case("--set of the wrong type", tiny.text(), List.of("training.epochs=two"), 0,
                        List.of("--set training.epochs=two", "must be a whole number, found text 'two'", "[1, 100000]")),
                new Case("--set out of range", tiny.text(), List.of("training.batch_size=0"), 0,
                        List.of("--set training.batch_size=0", "out of range", "[1, 65536]")),
                new Case("--set into a misspelt section", tiny.text(), List.of("trainig.epochs=1"), 0,
                        List.of("--set trainig.epochs=1", "unknown section 'trainig'", "Did you mean 'training'?")),
                new Case("missing experiment file", null, List.of(), 0, List.of("Experiment file", "does not exist")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void aBadExperimentGivesOneClearMessageExitCode2AndRecordsNoRun(Case bad, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("experiment.yaml");
        if (bad.yaml() != null) {
            Files.writeString(file, bad.yaml());
        }
        Path home = dir.resolve("home");
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--home", home.toString(), "--no-progress"));
        bad.sets().forEach(set -> args.addAll(List.of("--set", set)));

        CliResult result = Cli.process(args.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.err()).as(result.describe()).startsWith("error: ").contains(bad.says());
        if (bad.sets().isEmpty()) {
            assertThat(result.err()).as("names the file").contains(file.toString());
        }
        if (bad.line() > 0) {
            assertThat(result.err()).as("names the line").contains("line " + bad.line());
        }
        assertNoStackTrace(result);
        assertThat(result.out()).as("nothing on stdout, no run id").isEmpty();
        assertNoRunRecorded(home);
    }

    @Test
    void aDataFileThatIsNotIdxIsReportedBeforeARunIsRecorded(@TempDir Path dir) throws IOException {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Path garbage = Files.write(dir.resolve("garbage-images.gz"), noise);
        Path file = ExperimentFile.tiny().withLine(5, "    train_images: " + garbage).write(dir, "experiment.yaml");
        Path home = dir.resolve("home");

        CliResult result = Cli.process("run", file.toString(), "--home", home.toString(), "--no-progress");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.err()).as(result.describe()).startsWith("error: ")
                .contains("dataset 'idx'", "train_images", garbage.toString(), "IDX");
        assertNoStackTrace(result);
        assertThat(result.out()).isEmpty();
        assertNoRunRecorded(home);
    }

    @Test
    void checkReportsTheSameMistakeWithExitCode2(@TempDir Path dir) {
        Path file = ExperimentFile.tiny().withLine(ExperimentFile.ARCHITECTURE_TYPE, "  type: lenet").write(dir, "experiment.yaml");

        CliResult result = Cli.process("check", file.toString(), "--json", "--home", dir.resolve("home").toString());

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.err()).contains(file + ", line " + ExperimentFile.ARCHITECTURE_TYPE, "Did you mean 'lenet5'?");
        assertNoStackTrace(result);
        assertThat(result.out()).as("no half JSON document on stdout").isEmpty();
    }

    @Test
    void showOfAnUnknownRunIdSaysSoAndExits2(@TempDir Path dir) {
        Path home = dir.resolve("home");

        CliResult result = Cli.process("show", "r99", "--home", home.toString());

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.err()).contains("no run 'r99'", "./workbench runs");
        assertNoStackTrace(result);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void commandLineMistakesExitWith2AndPointAtHelp(@TempDir Path dir) {
        String home = dir.resolve("home").toString();
        for (String[] args : List.of(new String[] {"runs", "--bogus", "--home", home}, new String[] {"show", "--home", home},
                new String[] {"frobnicate"})) {
            CliResult result = Cli.process(args);
            assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
            assertThat(result.err()).startsWith("error: ").contains("--help");
            assertNoStackTrace(result);
        }
    }

    private static void assertNoStackTrace(CliResult result) {
        assertThat(result.err()).as("no stack trace on stderr:\n%s", result.err()).doesNotContain("\tat ", "Exception");
    }

    private static void assertNoRunRecorded(Path home) {
        assertThat(home.resolve("runs")).as("no model or artifact folder").doesNotExist();
        if (!Files.exists(home.resolve("db"))) {
            return; // no database at all, so certainly no run (and no need to create one to ask)
        }
        CliResult runs = Cli.inProcess("runs", "--json", "--home", home.toString());
        assertThat(runs.exitCode()).as(runs.describe()).isZero();
        assertThat(runs.json().get("runs")).as("runs after the mistake").isEmpty();
    }
}
