package org.cnnworkbench.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentValidatorTest {
    @TempDir
    Path dir;

    private final ExperimentValidator validator = new ExperimentValidator(new TestExtensions());

    @BeforeEach
    void data() throws IOException {
        Files.writeString(dir.resolve("images.idx"), "x");
    }

    private Path file(String yaml) throws IOException {
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static final String VALID = """
            name: demo
            dataset:
              type: files
              params:
                train_images: images.idx
            architecture:
              type: lenet5
            training: {epochs: 2, batch_size: 16}
            callbacks:
              - type: early-stopping
                params: {patience: 3}
            """;

    @Test
    void validFileResolvesPluginsFillsDefaultsAndResolvesPathsAgainstTheFilesFolder() throws IOException {
        ExperimentSpec spec = validator.validate(file(VALID), List.of());

        assertThat(spec.name()).isEqualTo("demo");
        assertThat(spec.dataset().params().getPath("train_images")).isEqualTo(dir.resolve("images.idx"));
        assertThat(spec.dataset().params().getDouble("validation_split")).isEqualTo(0.1);
        assertThat(spec.architecture().params().getString("activation")).isEqualTo("tanh");
        assertThat(spec.training().epochs()).isEqualTo(2);
        assertThat(spec.training().optimizer()).isEqualTo("adam");
        assertThat(spec.callbacks()).hasSize(1);
        assertThat(spec.resolved().at("/architecture/params/batch_norm").asBoolean()).isFalse();
        assertThat(spec.resolved().at("/training/learning_rate").asDouble()).isEqualTo(0.001);
    }

    @Test
    void overridesAreAppliedValidatedAndRemembered() throws IOException {
        ExperimentSpec spec = validator.validate(file(VALID),
                List.of("training.epochs=5", "architecture.params.activation=relu", "callbacks[0].params.patience=1"));

        assertThat(spec.training().epochs()).isEqualTo(5);
        assertThat(spec.architecture().params().getString("activation")).isEqualTo("relu");
        assertThat(spec.callbacks().get(0).params().getInt("patience")).isEqualTo(1);
        assertThat(spec.overrides()).containsEntry("/training/epochs", "--set training.epochs=5");
    }

    @Test
    void problemsInTextCarryTheirLineAndColumnAndOverridesNone() {
        // Line 8 is the training mapping: "training: {epochs: 2, batch_size: 16}"; epochs' value starts at column 20.
        String text = VALID.replace("epochs: 2,", "epochs: two,").replace("type: lenet5", "type: lenet6");
        assertThatThrownBy(() -> validator.validate(ExperimentDocument.parse(dir.resolve("pasted.yaml"), text, List.of("training.batch_size=big"))))
                .isInstanceOfSatisfying(ExperimentProblems.class, e -> {
                    assertThat(e.getMessage()).contains("pasted.yaml, line 7").contains("--set training.batch_size=big");
                    assertThat(e.problems()).anySatisfy(p -> {
                        assertThat(p.line()).isEqualTo(7);
                        assertThat(p.column()).isEqualTo(9);
                        assertThat(p.message()).contains("lenet6").doesNotContain("pasted.yaml");
                    });
                    assertThat(e.problems()).anySatisfy(p -> {
                        assertThat(p.line()).isEqualTo(8);
                        assertThat(p.column()).isEqualTo(20);
                        assertThat(p.message()).contains("two");
                    });
                    assertThat(e.problems()).anySatisfy(p -> {
                        assertThat(p.line()).isZero();
                        assertThat(p.message()).startsWith("--set training.batch_size=big");
                    });
                });
        assertThatThrownBy(() -> ExperimentDocument.parse(dir.resolve("pasted.yaml"), "name: x\ndataset: [open\n", List.of()))
                .isInstanceOfSatisfying(ExperimentProblems.class, e -> {
                    assertThat(e.getMessage()).contains("not valid YAML");
                    assertThat(e.problems().get(0).line()).isPositive();
                    assertThat(e.problems().get(0).column()).isPositive();
                });
    }

    @Test
    void invalidOverrideValueNamesTheSetArgument() throws IOException {
        assertThatThrownBy(() -> validator.validate(file(VALID), List.of("training.epochs=zero")))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("--set training.epochs=zero")
                .hasMessageContaining("must be a whole number, found text 'zero'");
    }

    @Test
    void overrideOfAMissingListElementIsRefused() throws IOException {
        assertThatThrownBy(() -> validator.validate(file(VALID), List.of("augmentations[2].params.probability=1")))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("augmentations[2]");
    }

    @Test
    void unknownArchitectureSuggestsTheClosestIdAndListsTheAvailableOnesWithItsLine() throws IOException {
        Path f = file(VALID.replace("type: lenet5", "type: lenet"));

        assertThatThrownBy(() -> validator.validate(f, List.of()))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_PLUGIN))
                .hasMessageContaining(f + ", line 7")
                .hasMessageContaining("unknown architecture type 'lenet'")
                .hasMessageContaining("Did you mean 'lenet5'?")
                .hasMessageContaining("Available: lenet5");
    }

    @Test
    void fastBackpropIsATrainingSettingOnByDefault() throws IOException {
        assertThat(validator.validate(file(VALID), List.of()).training().fastBackprop()).isTrue();
        ExperimentSpec off = validator.validate(file(VALID.replace("batch_size: 16}", "batch_size: 16, fast_backprop: false}")),
                List.of());
        assertThat(off.training().fastBackprop()).isFalse();
        assertThat(off.resolved().at("/training/fast_backprop").asBoolean(true)).isFalse();
        assertThat(validator.validate(file(VALID), List.of("training.fast_backprop=false")).training().fastBackprop()).isFalse();

        Path wrong = file(VALID.replace("batch_size: 16}", "batch_size: 16, fast_backprop: sometimes}"));
        assertThatThrownBy(() -> validator.validate(wrong, List.of()))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("line 8: parameter 'fast_backprop' of the training section")
                .hasMessageContaining("sometimes");
    }

    @Test
    void replicasAreAutoByDefaultOrAPositiveInteger() throws IOException {
        assertThat(validator.validate(file(VALID), List.of()).training().replicas()).isEqualTo("auto");
        assertThat(validator.validate(file(VALID), List.of()).training().replicaCount()).isEmpty();
        ExperimentSpec two = validator.validate(file(VALID.replace("batch_size: 16}", "batch_size: 16, replicas: 2}")), List.of());
        assertThat(two.training().replicaCount()).hasValue(2);
        assertThat(validator.validate(file(VALID), List.of("training.replicas=3")).training().replicaCount()).hasValue(3);
        assertThat(validator.validate(file(VALID), List.of("training.replicas=auto")).training().replicaCount()).isEmpty();

        for (String wrong : List.of("0", "-1", "two", "1.5", "257")) {
            Path f = file(VALID.replace("batch_size: 16}", "batch_size: 16, replicas: " + wrong + "}"));
            assertThatThrownBy(() -> validator.validate(f, List.of()))
                    .as(wrong)
                    .isInstanceOf(WorkbenchException.class)
                    .hasMessageContaining("line 8: parameter 'replicas' of the training section is '" + wrong + "'")
                    .hasMessageContaining("Allowed: auto, or an integer from 1 to 256");
        }
    }

    @Test
    void logEveryNBatchesIsAutoByDefaultAnIntegerOrZeroForOff() throws IOException {
        var auto = validator.validate(file(VALID), List.of()).training();
        assertThat(auto.logEveryNBatches()).isEqualTo("auto");
        assertThat(auto.logEvery(50)).as("auto under 200 batches: every batch").isEqualTo(1);
        assertThat(auto.logEvery(1_000)).as("auto: about 100 points per epoch").isEqualTo(10);
        assertThat(auto.logEvery(1_099)).isEqualTo(10);
        var five = validator.validate(file(VALID.replace("batch_size: 16}", "batch_size: 16, log_every_n_batches: 5}")),
                List.of()).training();
        assertThat(five.logEvery(1_000)).isEqualTo(5);
        assertThat(validator.validate(file(VALID), List.of("training.log_every_n_batches=0")).training().logEvery(1_000))
                .as("0 = off").isZero();

        for (String wrong : List.of("-1", "often", "2.5")) {
            Path f = file(VALID.replace("batch_size: 16}", "batch_size: 16, log_every_n_batches: " + wrong + "}"));
            assertThatThrownBy(() -> validator.validate(f, List.of()))
                    .as(wrong)
                    .isInstanceOf(WorkbenchException.class)
                    .hasMessageContaining("line 8: parameter 'log_every_n_batches' of the training section is '" + wrong + "'")
                    .hasMessageContaining("Allowed: auto (about 100 points per epoch), an integer N of 1 or more")
                    .hasMessageContaining("0 (off)");
        }
    }

    @Test
    void everyProblemIsReportedAtOnceEachWithItsLine() throws IOException {
        Path f = file("""
                name: demo
                dataset:
                  type: files
                  params:
                    train_images: images.idx
                    validation_split: 1.5
                    limt: 3
                architecture:
                  type: lenet5
                  params: {activation: softplus}
                training: {epochs: many}
                """);

        assertThatThrownBy(() -> validator.validate(f, List.of()))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("4 problems in " + f)
                .hasMessageContaining("line 6: parameter 'validation_split' of dataset 'files' is 1.5, out of range: allowed [0.0, 0.9]")
                .hasMessageContaining("line 7: unknown parameter 'limt' for dataset 'files'. Did you mean 'limit'?")
                .hasMessageContaining("line 10: parameter 'activation' of architecture 'lenet5' is 'softplus', which is not allowed. Allowed: tanh | relu")
                .hasMessageContaining("line 11: parameter 'epochs' of the training section must be a whole number, found text 'many'");
    }

    @Test
    void missingDataFileNamesTheResolvedPath() throws IOException {
        Path f = file(VALID.replace("images.idx", "nowhere.idx"));

        assertThatThrownBy(() -> validator.validate(f, List.of()))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FILE))
                .hasMessageContaining(dir.resolve("nowhere.idx") + " does not exist");
    }

    @Test
    void missingRequiredParameterAndUnknownSectionAreReported() throws IOException {
        Path f = file("""
                name: demo
                dataset: {type: files}
                architecture: {type: lenet5}
                trainig: {epochs: 1}
                """);

        assertThatThrownBy(() -> validator.validate(f, List.of()))
                .hasMessageContaining("dataset 'files' needs parameter 'train_images'")
                .hasMessageContaining("unknown section 'trainig'. Did you mean 'training'?");
    }

    @Test
    void malformedYamlAndNonMappingDocumentsAreInvalidFiles() throws IOException {
        assertThatThrownBy(() -> validator.validate(file("name: [unclosed\n"), List.of()))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILE))
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> validator.validate(file("- just\n- a list\n"), List.of()))
                .hasMessageContaining("an experiment file is a YAML mapping");
        assertThatThrownBy(() -> validator.validate(dir.resolve("absent.yaml"), List.of()))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FILE));
    }

    @Test
    void entriesWithMisplacedParametersPointAtParams() throws IOException {
        Path f = file(VALID.replace("  type: lenet5", "  type: lenet5\n  activation: relu"));

        assertThatThrownBy(() -> validator.validate(f, List.of()))
                .hasMessageContaining("unknown key 'activation' in the architecture entry")
                .hasMessageContaining("parameters go under 'params:'");
    }
}
