package org.cnnworkbench.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.ArchitectureFactory;
import org.cnnworkbench.api.Configurable;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.plugin.ExtensionLookup;
import org.cnnworkbench.engine.plugin.Loaded;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin parameter written as a mapping, {@code head: {units: 256}}, is the declared
 * {@code head_units}: from the file, from {@code --set head.units=...}, and as a sweep would set it;
 * unknown keys under it, a non-mapping, and both forms at once are reported with their line.
 */
class GroupedParamsTest {
    @TempDir
    Path dir;

    /** A base under a head, declared with flat names as the pretrained bases are (head_units, ...). */
    static final class Headed implements ArchitectureFactory {
        public String id() {
            return "headed";
        }

        public String description() {
            return "test architecture with a head";
        }

        public List<ParamSpec> parameters() {
            return List.of(ParamSpec.bool("include_top", true, "top"),
                    ParamSpec.integer("head_units", 256, 0, 4096, "dense units"),
                    ParamSpec.number("head_dropout", 0.5, 0, 0.99, "dropout"),
                    ParamSpec.choice("head_activation", "relu", List.of("relu", "tanh"), "activation"));
        }

        public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
            throw new UnsupportedOperationException("validation tests never build networks");
        }
    }

    private static final ExtensionLookup PLUGINS = new ExtensionLookup() {
        private final List<Configurable> all = List.of(new TestExtensions.Files(), new Headed());

        @Override
        @SuppressWarnings("unchecked")
        public <T extends Configurable> List<Loaded<T>> all(Class<T> type) {
            return all.stream().filter(type::isInstance).map(e -> new Loaded<>((T) e, TestExtensions.PLUGIN)).toList();
        }
    };

    private final ExperimentValidator validator = new ExperimentValidator(PLUGINS);

    @BeforeEach
    void data() throws IOException {
        Files.writeString(dir.resolve("images.idx"), "x");
    }

    private Path file(String architectureParams) throws IOException {
        return Files.writeString(dir.resolve("exp.yaml"), """
                name: demo
                dataset: {type: files, params: {train_images: images.idx}}
                architecture:
                  type: headed
                  params:
                %s
                training: {epochs: 1}
                """.formatted(architectureParams.indent(4).stripTrailing()));
    }

    @Test
    void aHeadMappingSetsTheFlatParametersAndTheRecordKeepsTheFlatNames() throws IOException {
        ExperimentSpec nested = validator.validate(file("""
                include_top: false
                head:
                  units: 128
                  dropout: 0.25
                  activation: tanh"""), List.of());
        ExperimentSpec flat = validator.validate(file("""
                include_top: false
                head_units: 128
                head_dropout: 0.25
                head_activation: tanh"""), List.of());

        assertThat(nested.architecture().params().asMap()).isEqualTo(flat.architecture().params().asMap())
                .containsEntry("head_units", 128).containsEntry("head_dropout", 0.25).containsEntry("head_activation", "tanh");
        assertThat(nested.resolved().at("/architecture/params")).isEqualTo(flat.resolved().at("/architecture/params"));
        assertThat(nested.resolved().at("/architecture/params/head").isMissingNode()).isTrue();
    }

    @Test
    void partOfAHeadLeavesTheOthersAtTheirDefaults() throws IOException {
        ExperimentSpec spec = validator.validate(file("head: {dropout: 0.1}"), List.of());

        assertThat(spec.architecture().params().getInt("head_units")).isEqualTo(256);
        assertThat(spec.architecture().params().getDouble("head_dropout")).isEqualTo(0.1);
    }

    @Test
    void setAndSweepPathsReachIntoTheHead() throws IOException {
        Path file = file("head: {units: 256, dropout: 0.5}");
        ExperimentSpec set = validator.validate(file, List.of("architecture.params.head.units=64"));
        assertThat(set.architecture().params().getInt("head_units")).isEqualTo(64);
        assertThat(set.architecture().params().getDouble("head_dropout")).isEqualTo(0.5);
        assertThat(set.overrides()).containsEntry("/architecture/params/head/units", "--set architecture.params.head.units=64");

        // A file without a head: the override makes the mapping.
        ExperimentSpec created = validator.validate(file("include_top: false"), List.of("architecture.params.head.activation=tanh"));
        assertThat(created.architecture().params().getString("head_activation")).isEqualTo("tanh");

        // As a sweep sets a sampled value (SweepDefinition.trialSpec).
        ExperimentDocument sampled = ExperimentDocument.read(file, List.of()).with("architecture.params.head.units",
                ExperimentDocument.YAML.valueToTree(32), "sweep parameter architecture.params.head.units = 32");
        assertThat(validator.validate(sampled).architecture().params().getInt("head_units")).isEqualTo(32);
    }

    @Test
    void anUnknownKeyUnderTheHeadNamesItsLineAndTheAllowedKeys() throws IOException {
        assertThatThrownBy(() -> validator.validate(file("head: {unit: 3}"), List.of()))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(e.getMessage()).contains("exp.yaml, line 6").contains("unknown key 'unit' under 'head'")
                            .contains("architecture 'headed'").contains("Did you mean 'units'?")
                            .contains("Allowed under head: units (integer", "dropout (number", "activation (choice");
                });
    }

    @Test
    void bothFormsAtOnceAreAProblemWhicheverComesFirst() throws IOException {
        for (String params : List.of("head: {units: 3}\nhead_units: 4", "head_units: 4\nhead: {units: 3}")) {
            assertThatThrownBy(() -> validator.validate(file(params), List.of())).as(params)
                    .isInstanceOf(WorkbenchException.class)
                    .hasMessageContaining("both set parameter 'head_units'")
                    .hasMessageContaining("'head.units'");
        }
        assertThatThrownBy(() -> validator.validate(file("head_units: 4"), List.of("architecture.params.head.units=8")))
                .hasMessageContaining("--set architecture.params.head.units=8").hasMessageContaining("both set parameter 'head_units'");
    }

    @Test
    void aHeadThatIsNotAMappingOrHasAWrongValueIsNamedAsWritten() throws IOException {
        assertThatThrownBy(() -> validator.validate(file("head: 256"), List.of()))
                .hasMessageContaining("'head' of architecture 'headed' is a mapping of units, dropout, activation")
                .hasMessageContaining("e.g. head: {units: ...}");
        assertThatThrownBy(() -> validator.validate(file("head: {units: many}"), List.of()))
                .hasMessageContaining("parameter 'head.units' (head_units) of architecture 'headed' must be a whole number, found text 'many'");
        assertThatThrownBy(() -> validator.validate(file("head: {dropout: 2}"), List.of()))
                .hasMessageContaining("'head.dropout' (head_dropout)").hasMessageContaining("out of range");
    }

    @Test
    void onlyPluginParametersGroupAndUnknownNamesStillListTheGroups() throws IOException {
        // An undeclared name that starts no declared one stays unknown, and the message shows the grouped form.
        assertThatThrownBy(() -> validator.validate(file("haed: {units: 3}"), List.of()))
                .hasMessageContaining("unknown parameter 'haed'").hasMessageContaining("Did you mean 'head'?")
                .hasMessageContaining("or grouped: head: {units, dropout, activation}");
        // The training section takes its names as written: batch: {size: 8} is not batch_size.
        Path file = file("include_top: false");
        Files.writeString(file, Files.readString(file).replace("training: {epochs: 1}", "training: {epochs: 1, batch: {size: 8}}"));
        assertThatThrownBy(() -> validator.validate(file, List.of())).hasMessageContaining("unknown parameter 'batch'");
    }
}
