package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cnnworkbench.sweep.HyperbandOptions;
import org.junit.jupiter.api.Test;

/**
 * The strategies of issue 21 through real worker processes and the real store: a Hyperband sweep's
 * trials stop only at their bracket's rungs, and a multi-objective sweep reports each trial's
 * objectives and its Pareto front in {@code sweep-status --json}.
 */
class SweepStrategiesTest extends SweepCliTest {

    @Test
    void aHyperbandSweepStopsEachTrialOnlyAtARungOfItsBracket() {
        // Simulated epochs (--simulate-epochs): the pruning goes through the real workers and store.
        Path file = file("hyperband.yaml", ExperimentFile.tiny(), "strategy: hyperband", "trials: 17", "seed: 4",
                "strategy_options: {min_epochs: 1, max_epochs: 9, eta: 3}",
                "parameters:", "  training.learning_rate: {log_uniform: [0.00001, 0.1]}");
        JsonNode doc = status(simulatedSweep(file, 9));
        assertThat(doc.get("strategy").asText()).isEqualTo("hyperband");
        HyperbandOptions options = new HyperbandOptions(1, 9, 3);
        Set<Integer> prunedBrackets = new HashSet<>();
        for (JsonNode t : doc.get("trials")) {
            int bracket = options.bracketOf(t.get("number").asInt());
            int epochs = t.get("epochs").asInt();
            if (t.get("status").asText().equals("pruned")) {
                prunedBrackets.add(bracket);
                assertThat(t.get("reason").asText()).startsWith("hyperband pruner (bracket " + bracket + "): val_accuracy");
                assertThat(options.brackets().get(bracket).rungs()).as(t.toString()).contains(epochs);
            } else {
                assertThat(t.get("status").asText()).as(t.toString()).isEqualTo("completed");
                assertThat(epochs).isEqualTo(9);
            }
            if (bracket == options.lastBracket()) {
                assertThat(t.get("status").asText()).isEqualTo("completed");
            }
        }
        assertThat(doc.get("trials")).hasSize(17);
        assertThat(prunedBrackets).as(doc.get("trials").toString()).contains(0);
    }

    @Test
    void aMultiObjectiveSweepListsEachTrialsObjectivesAndItsParetoFront() {
        Path file = file("pareto.yaml", ExperimentFile.tiny().withLine(15, "  epochs: 1"), "strategy: grid",
                "objectives: [{metric: val_accuracy, direction: maximize}, {metric: total_params, direction: minimize}]",
                "parameters:", "  architecture.params.dense_units: {choice: [4, 64]}",
                "  training.learning_rate: {choice: [0.001, 0.00001]}");
        CliResult result = Cli.process("sweep", file.toString(), "--home", home().toString(), "--workers", "1");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        JsonNode doc = Cli.process("sweep-status", result.out().lines().findFirst().orElseThrow(), "--json", "--home",
                home().toString()).json();
        assertThat(doc.at("/objectives/0/metric").asText()).isEqualTo("val_accuracy");
        assertThat(doc.at("/objectives/1/metric").asText()).isEqualTo("total_params");
        assertThat(doc.at("/objectives/1/direction").asText()).isEqualTo("minimize");
        List<String> ids = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        Set<Double> params = new HashSet<>();
        for (JsonNode t : doc.get("trials")) {
            assertThat(t.get("status").asText()).isEqualTo("completed");
            JsonNode o = t.get("objectives");
            assertThat(o).as(t.toString()).hasSize(2);
            assertThat(o.get(0).asDouble()).isEqualTo(t.get("objective").asDouble());
            assertThat(o.get(1).asDouble()).isPositive();
            params.add(o.get(1).asDouble());
            ids.add(t.get("id").asText());
            values.add(new double[] {o.get(0).asDouble(), o.get(1).asDouble()});
        }
        assertThat(ids).hasSize(4);
        assertThat(params).hasSize(2);
        // Brute force: a trial is on the front when no other has accuracy >= and params <=, one of them strictly.
        List<String> front = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            boolean dominated = false;
            for (int j = 0; j < values.size(); j++) {
                double[] a = values.get(j);
                double[] b = values.get(i);
                dominated |= j != i && a[0] >= b[0] && a[1] <= b[1] && (a[0] > b[0] || a[1] < b[1]);
            }
            if (!dominated) {
                front.add(ids.get(i));
            }
        }
        List<String> pareto = new ArrayList<>();
        doc.get("pareto").forEach(n -> pareto.add(n.asText()));
        assertThat(pareto).isNotEmpty().isEqualTo(front);
    }
}
