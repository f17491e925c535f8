package org.cnnworkbench.app.launch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cnnworkbench.engine.WorkbenchException;
import org.junit.jupiter.api.Test;

/** How a CPU sweep shares the cores out: workers × native threads, and the overrides. */
class WorkerPlanTest {

    @Test
    void twoCoresRunTwoSingleThreadedWorkersAndLargerMachinesWorkersOfTwoThreads() {
        assertThat(WorkerPlan.choose(null, null, null, null, 4, 2)).isEqualTo(new WorkerPlan(List.of("cpu", "cpu"), 1));
        assertThat(WorkerPlan.choose("cpu", null, null, null, 100, 8)).isEqualTo(new WorkerPlan(List.of("cpu", "cpu", "cpu", "cpu"), 2));
        assertThat(WorkerPlan.choose("cpu", null, null, null, 100, 8).describe()).isEqualTo("4 CPU workers × 2 threads");
    }

    @Test
    void neverMoreWorkersThanTrialsAndALoneWorkerGetsEveryCore() {
        assertThat(WorkerPlan.choose(null, null, null, null, 1, 2)).isEqualTo(new WorkerPlan(List.of("cpu"), 2));
        assertThat(WorkerPlan.choose(null, null, null, null, 3, 16)).isEqualTo(new WorkerPlan(List.of("cpu", "cpu", "cpu"), 5));
    }

    @Test
    void workersThreadsAndParallelismOverrideTheChoice() {
        assertThat(WorkerPlan.choose(null, 1, null, null, 4, 2)).isEqualTo(new WorkerPlan(List.of("cpu"), 2));
        assertThat(WorkerPlan.choose(null, 2, 2, null, 4, 2)).isEqualTo(new WorkerPlan(List.of("cpu", "cpu"), 2));
        assertThat(WorkerPlan.choose(null, null, 3, null, 4, 2).threads()).isEqualTo(3);
        assertThat(WorkerPlan.choose(null, null, null, 3, 4, 8)).isEqualTo(new WorkerPlan(List.of("cpu", "cpu", "cpu"), 2));
        assertThat(WorkerPlan.choose(null, 5, null, null, 4, 2).devices()).hasSize(4);
    }

    @Test
    void gpuListsGiveOneWorkerPerGpuAndBadCountsAreRefused() {
        assertThat(WorkerPlan.choose("0,1", null, null, null, 4, 2)).isEqualTo(new WorkerPlan(List.of("0", "1"), 1));
        assertThatThrownBy(() -> WorkerPlan.choose(null, 0, null, null, 4, 2)).isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("--workers must be at least 1, found 0");
        assertThatThrownBy(() -> WorkerPlan.choose(null, null, 0, null, 4, 2)).isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("--threads must be at least 1, found 0");
        assertThatThrownBy(() -> WorkerPlan.choose("1;2", null, null, null, 4, 2)).isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("--devices takes cpu, gpu or GPU indexes");
    }
}
