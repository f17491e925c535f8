package org.cnnworkbench.app.launch;

import static org.assertj.core.api.Assertions.assertThat;

import org.cnnworkbench.app.Main;
import org.junit.jupiter.api.Test;

class WorkerLaunchTest {
    @Test
    void theWorkersCommandStartsTheApplicationsEntryPoint() {
        assertThat(WorkerLaunch.MAIN_CLASS).isEqualTo(Main.class.getName());
        assertThat(WorkerLaunch.javaCommand()).endsWith(Main.class.getName()).contains("-cp");
    }
}
