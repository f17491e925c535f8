package org.cnnworkbench.app.launch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerDatabaseTest {
    @Test
    void itsTextNamesTheUrlAndUserButNeverThePassword() {
        WorkerDatabase db = new WorkerDatabase("jdbc:h2:tcp://127.0.0.1:9092/db/workbench", "workbench", "s3cret-Pa55", null);

        assertThat(db.toString()).contains("jdbc:h2:tcp://127.0.0.1:9092/db/workbench").contains("workbench")
                .doesNotContain("s3cret-Pa55");
    }

    @Test
    void aServedUrlIsOneOtherProcessesCanReach() {
        assertThat(WorkerDatabase.served("jdbc:h2:tcp://node7:9092/db/workbench")).isTrue();
        assertThat(WorkerDatabase.served("jdbc:h2:file:/home/u/.workbench/db/workbench")).isFalse();
    }
}
