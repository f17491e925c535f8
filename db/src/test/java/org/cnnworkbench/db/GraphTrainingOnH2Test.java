package org.cnnworkbench.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.cnnworkbench.engine.network.Network;
import org.cnnworkbench.engine.run.ModelSummary;
import org.cnnworkbench.engine.run.RunResult;
import org.cnnworkbench.engine.run.TrainingObserver;
import org.cnnworkbench.engine.run.TrialRunner;
import org.cnnworkbench.engine.store.RunStatus;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A graph architecture (a residual Add) trains through the engine's TrialRunner on real H2 like a
 * stack: epochs recorded, test evaluation, a Keras-style summary with the Add's inputs, a saved
 * model that reads back as a graph, and provenance saying the faster backward passes were off.
 */
class GraphTrainingOnH2Test extends H2HomeTest {

    @Test
    void aGraphTrainsIsEvaluatedSavedAndSummarisedWithItsMergeInputs() throws Exception {
        RunResult result = new TrialRunner(runs, home, TrainingObserver.SILENT).run(stripes("stripes-graph", "tiny-resnet", 2));

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.epochs()).hasSize(2);
        assertThat(result.testAccuracy()).isBetween(0.0, 1.0);
        assertThat(runs.epochs(result.runId())).hasSize(2);
        for (var epoch : result.epochs()) {
            assertThat(epoch.values().get(org.cnnworkbench.api.MetricKeys.ACCURACY)).as("training accuracy of a graph")
                    .isBetween(0.0, 1.0);
        }

        ModelSummary summary = result.summary();
        assertThat(summary.layers()).extracting(ModelSummary.Row::name).startsWith("input_1", "conv2d").contains("add", "dense");
        ModelSummary.Row add = summary.layers().stream().filter(r -> r.name().equals("add")).findFirst().orElseThrow();
        assertThat(add.type()).isEqualTo("Add");
        assertThat(add.inputs()).containsExactly("activation", "conv2d_2");
        assertThat(add.outputShape()).isEqualTo("(None, 8, 8, 4)");
        // conv 40 + BN 16 (8 non-trainable) + two conv 148 + dense 10: 362.
        assertThat(summary.totalParams()).isEqualTo(362);
        assertThat(summary.nonTrainableParams()).isEqualTo(8);
        assertThat(summary.toText()).contains("Connected to", "activation, conv2d_2");

        JsonNode provenance = new ObjectMapper().readTree(runs.findRun(result.runId()).orElseThrow().provenanceJson());
        assertThat(provenance.path("fast_backprop").path("relu_backward").asBoolean(true)).isFalse();
        assertThat(provenance.path("fast_backprop").path("off_for_graphs").asText()).contains("graph");

        Path model = result.modelPath();
        assertThat(Network.isGraph(model)).isTrue();
        Network restored = Network.restore(model, false);
        assertThat(restored.model()).isInstanceOf(ComputationGraph.class);
        assertThat(restored.output(Nd4j.rand(DataType.FLOAT, 3, 1, 8, 8)).shape()).containsExactly(3, 2);
    }
}
