package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.cnnworkbench.app.device.Gpus;

/**
 * The Slurm cluster the Slurm tests submit to: where none answers (sinfo) they are skipped, saying so;
 * CI starts a single-node one (.ci/slurm-up.sh) and sets WORKBENCH_REQUIRE_SLURM=1, which turns the skip
 * into a failure.
 */
final class SlurmCluster {
    private SlurmCluster() {
    }

    static void assumeUp() throws Exception {
        boolean up = false;
        if (Gpus.find("sinfo") != null && Gpus.find("sbatch") != null) {
            Process p = new ProcessBuilder("sinfo", "-h", "-o", "%T").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            up = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("(?s).*(idle|mixed|allocated).*");
        }
        if ("1".equals(System.getenv("WORKBENCH_REQUIRE_SLURM"))) {
            assertThat(up).as("WORKBENCH_REQUIRE_SLURM=1 but no Slurm cluster answers (sinfo); start one with "
                    + "sudo bash .ci/slurm-up.sh").isTrue();
        }
        assumeTrue(up, "no Slurm cluster answers here (sinfo); sudo bash .ci/slurm-up.sh starts a single-node one");
    }
}
