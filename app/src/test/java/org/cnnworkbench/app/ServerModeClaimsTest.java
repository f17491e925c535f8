package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2RunStore;
import org.cnnworkbench.db.HomeDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four worker processes claiming from one queue through the H2 TCP server: 200 trivially short
 * trials (one computed epoch each, no training), every trial claimed by exactly one worker, once,
 * with no lock-timeout or other database error in any worker's log.
 */
class ServerModeClaimsTest {
    private static final Pattern TRIAL_LINE = Pattern.compile("^\\[(w-[^\\]]+)] Trial (\\d+) \\((r\\d+)\\): ", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void fourWorkersClaimTwoHundredTrialsEachExactlyOnce() throws IOException {
        Path home = dir.resolve("home");
        Path file = ExperimentFile.tiny().append("sweep:", "  strategy: random", "  trials: 200", "  seed: 11",
                "  parameters:", "    training.learning_rate: {log_uniform: [0.0001, 0.1]}").write(dir, "claims.yaml");
        CliResult result = Cli.trainingProcess(Cli.builtInPlugins(), "sweep", file.toString(), "--home", home.toString(),
                "--workers", "4", "--simulate-epochs", "1", "--simulate-epoch-ms", "0");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        String sweepId = result.out().lines().findFirst().orElseThrow();

        JsonNode status = Cli.process("sweep-status", sweepId, "--json", "--home", home.toString()).json();
        assertThat(status.get("status").asText()).isEqualTo("completed");
        JsonNode trials = status.get("trials");
        assertThat(trials).hasSize(200);
        Set<Integer> numbers = new HashSet<>();
        for (JsonNode t : trials) {
            assertThat(t.get("status").asText()).isEqualTo("completed");
            assertThat(t.get("attempts").asInt()).as("attempts of " + t.get("id")).isEqualTo(1);
            numbers.add(t.get("number").asInt());
        }
        assertThat(numbers).hasSize(200).allMatch(n -> n >= 0 && n < 200);
        assertThat(status.get("workers")).hasSize(4);

        // Each trial started exactly once, by one worker, according to the workers' own logs.
        Map<String, String> startedBy = new HashMap<>();
        Map<String, Integer> perWorker = new HashMap<>();
        StringBuilder allLogs = new StringBuilder();
        try (Stream<Path> logs = Files.list(home.resolve("workers"))) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                String text = Files.readString(log);
                allLogs.append(text);
                Matcher m = TRIAL_LINE.matcher(text);
                while (m.find()) {
                    String previous = startedBy.put(m.group(3), m.group(1));
                    assertThat(previous).as("trial " + m.group(3) + " started by " + previous + " and " + m.group(1)).isNull();
                    perWorker.merge(m.group(1), 1, Integer::sum);
                }
            }
        }
        assertThat(startedBy).hasSize(200);
        assertThat(perWorker).hasSize(4);
        assertThat(allLogs.toString()).doesNotContainIgnoringCase("timeout").doesNotContain("Exception")
                .doesNotContainIgnoringCase("deadlock");

        try (H2Database db = new HomeDatabase(home).open()) {
            H2RunStore runs = new H2RunStore(db);
            for (JsonNode t : trials) {
                List<EpochMetrics> epochs = runs.epochs(t.get("id").asText());
                assertThat(epochs).extracting(EpochMetrics::epoch).containsExactly(1);
            }
        }
    }
}
