package org.cnnworkbench.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.cnnworkbench.engine.spec.TrainingSettings;
import org.junit.jupiter.api.Test;

class ReplicaPlanTest {
    private static TrainingSettings training(int batch, int threads, String replicas) {
        return new TrainingSettings(1, batch, "adam", 0.001, 0.9, 0, 0, "xavier_uniform", 42, threads, true, replicas);
    }

    @Test
    void autoTakesOneReplicaPerCoreAndAtLeastSixteenExamplesPerShard() {
        assertThat(ReplicaPlan.auto(2, 1, 64)).isEqualTo(2);
        assertThat(ReplicaPlan.auto(64, 1, 64)).as("batch-derived cap").isEqualTo(4);
        assertThat(ReplicaPlan.auto(16, 4, 256)).as("cores / threads per replica").isEqualTo(4);
        assertThat(ReplicaPlan.auto(1, 1, 64)).as("a worker given one core").isEqualTo(1);
        assertThat(ReplicaPlan.auto(8, 1, 20)).as("a small batch").isEqualTo(1);
        assertThat(ReplicaPlan.auto(2, 2, 64)).as("two native threads asked for on 2 cores").isEqualTo(1);
    }

    @Test
    void anExplicitCountWinsAndAResumedTrialKeepsItsCount() {
        ReplicaPlan three = ReplicaPlan.choose(training(64, 1, "3"), null);
        assertThat(three.replicas()).isEqualTo(3);
        assertThat(three.threadsPerReplica()).isEqualTo(1);
        assertThat(three.line()).isEqualTo("replicas 3 x 1 thread (training.replicas)");
        ReplicaPlan resumed = ReplicaPlan.choose(training(64, 1, "3"), 2);
        assertThat(resumed.replicas()).isEqualTo(2);
        assertThat(resumed.describe()).containsEntry("replicas", 2).containsEntry("chosen", "as the trial started");
        ReplicaPlan one = ReplicaPlan.choose(training(64, 2, "1"), null);
        assertThat(one.replicas()).isEqualTo(1);
        assertThat(one.threadsPerReplica()).as("one replica keeps training.threads").isEqualTo(2);
    }

    @Test
    void coresGivenByTheCallerDecideAutoButNotAnExplicitOrResumedCount() {
        // A sweep's trial alone at the end of its sweep: 2 cores for a worker whose own share is 1 (issue 19).
        ReplicaPlan alone = ReplicaPlan.choose(training(64, 0, "auto"), null, java.util.OptionalInt.of(2));
        assertThat(alone.replicas()).isEqualTo(2);
        assertThat(alone.threadsPerReplica()).isEqualTo(1);
        assertThat(alone.line()).isEqualTo("replicas 2 x 1 thread (auto: 2 cores for the trial (alone at the end of its sweep:"
                + " the idle workers' cores), batch 64)");
        assertThat(ReplicaPlan.choose(training(64, 0, "auto"), null, java.util.OptionalInt.of(1)).replicas())
                .as("one core given").isEqualTo(1);
        assertThat(ReplicaPlan.choose(training(64, 0, "auto"), 1, java.util.OptionalInt.of(2)).replicas())
                .as("a resumed trial keeps the count it started with").isEqualTo(1);
        assertThat(ReplicaPlan.choose(training(64, 0, "1"), null, java.util.OptionalInt.of(2)).replicas())
                .as("training.replicas: 1 wins").isEqualTo(1);
    }
}
