package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cnnworkbench.engine.WorkbenchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.cnnworkbench.app.device.Gpus;
import org.cnnworkbench.app.launch.slurm.SlurmBatch;
import org.cnnworkbench.app.launch.slurm.SlurmTime;

/**
 * The scale-out options without a cluster: the Slurm batch script (--dry-run) and what it holds,
 * every bad launcher option refused with exit code 2 before anything is recorded, GPU requests on
 * the CPU build, and doctor's report (with a stand-in nvidia-smi for a machine with GPUs).
 */
class ScaleOutOptionsTest {
    @TempDir
    Path dir;

    private Path home() {
        return dir.resolve("home");
    }

    private Path sweepFile() {
        return ExperimentFile.tiny().append("sweep:", "  strategy: grid", "  trials: 3", "  parallelism: 3", "  parameters:",
                "    training.learning_rate: {choice: [0.001, 0.002, 0.003]}").write(dir, "sweep.yaml");
    }

    @Test
    void dryRunPrintsTheBatchScriptWithTheChosenResourcesAndRecordsNothing() {
        CliResult result = Cli.inProcess("sweep", sweepFile().toString(), "--home", home().toString(), "--launcher", "slurm",
                "--devices", "gpu", "--partition", "gpu-a100", "--time", "04:00:00", "--sbatch-arg=--account=lab",
                "--sbatch-arg=--mem=16G", "--dry-run");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        String script = result.out();
        assertThat(script).contains("#!/bin/bash").contains("#SBATCH --array=0-2").contains("#SBATCH --partition=gpu-a100")
                .contains("#SBATCH --gres=gpu:1").contains("#SBATCH --time=04:00:00").contains("#SBATCH --signal=B:TERM@90")
                .contains("#SBATCH --account=lab").contains("#SBATCH --mem=16G").contains("#SBATCH --export=ALL")
                .contains("#SBATCH --output=" + home().resolve("workers") + "/slurm-SWEEP_ID-%A_%a.log")
                .contains("worker --sweep SWEEP_ID --home " + home() + " --device auto --wall-time 04:00:00");
        // No credentials in the script; they travel in the job's environment.
        assertThat(script).doesNotContainIgnoringCase("password=").doesNotContain("jdbc:");
        // Nothing recorded: the sweeps list is empty.
        CliResult sweeps = Cli.inProcess("sweeps", "--json", "--home", home().toString());
        assertThat(sweeps.json().get("sweeps")).isEmpty();
    }

    @Test
    void cpuWorkersByDefaultTwoCoresEachAndNoGpuLine() {
        CliResult result = Cli.inProcess("sweep", sweepFile().toString(), "--home", home().toString(), "--launcher", "slurm",
                "--workers", "2", "--time", "30", "--dry-run");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("#SBATCH --array=0-1").contains("#SBATCH --cpus-per-task=2")
                .contains("--device cpu").doesNotContain("--gres").contains("#SBATCH --time=30");
        CliResult shortLimit = Cli.inProcess("sweep", sweepFile().toString(), "--home", home().toString(), "--launcher",
                "slurm", "--time", "5", "--dry-run");
        // Under 10 minutes Slurm's own SIGTERM at the limit is the warning (its --signal resolution is ~1 min).
        assertThat(shortLimit.out()).contains("#SBATCH --time=5").doesNotContain("--signal");
    }

    @Test
    void theDryRunScriptIsOneRealSbatchAccepts() throws Exception {
        assumeTrue(SlurmBatch.available() && slurmAnswers(), "no Slurm cluster answers here (sinfo)");
        // With the fake GPUs of .ci/slurm-up.sh the script asks for one per worker; where the node has none, for none.
        Process gres = new ProcessBuilder("sinfo", "-h", "-o", "%G").redirectErrorStream(true).start();
        String gpus = new String(gres.getInputStream().readAllBytes()).contains("gpu") ? "1" : "0";
        gres.waitFor(20, TimeUnit.SECONDS);
        CliResult result = Cli.inProcess("sweep", sweepFile().toString(), "--home", home().toString(), "--launcher", "slurm",
                "--workers", "2", "--cpus-per-worker", "1", "--time", "00:20:00", "--gpus-per-worker", gpus, "--dry-run");
        Path script = dir.resolve("job.sh");
        Files.writeString(script, result.out());
        Process p = new ProcessBuilder("sbatch", "--test-only", script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("to start at");
    }

    @Test
    void theSweepsHeartbeatAndDatabaseWaitReachItsSlurmWorkers() {
        CliResult result = Cli.inProcess("sweep", sweepFile().toString(), "--home", home().toString(), "--launcher", "slurm",
                "--heartbeat-seconds", "45", "--db-wait-seconds", "300", "--dry-run");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("--heartbeat-seconds 45.0 --db-wait-seconds 300");
        CliResult defaults = Cli.inProcess("sweep", sweepFile().toString(), "--home", home().toString(), "--launcher", "slurm",
                "--dry-run");
        assertThat(defaults.out()).contains("--heartbeat-seconds 2.0 --db-wait-seconds 120");
    }

    @Test
    void aHeartbeatIntervalOfZeroIsRefusedByEveryCommandThatTakesOne() {
        String h = home().toString();
        assertRefused(List.of("sweep", sweepFile().toString(), "--home", h, "--heartbeat-seconds", "0"),
                "--heartbeat-seconds must be above 0 and at most 3600, found 0.0");
        assertRefused(List.of("run", sweepFile().toString(), "--home", h, "--heartbeat-seconds", "-1"),
                "--heartbeat-seconds must be above 0 and at most 3600, found -1.0");
        assertRefused(List.of("resume", "r1", "--home", h, "--heartbeat-seconds", "0"),
                "--heartbeat-seconds must be above 0");
        assertThat(Cli.inProcess("runs", "--json", "--home", h).out()).doesNotContain("\"r1\"");
    }

    @Test
    void badLauncherOptionsAreRefusedWithExitCode2AndNothingRecorded() {
        String file = sweepFile().toString();
        String h = home().toString();
        assertRefused(List.of("sweep", file, "--home", h, "--launcher", "pbs"), "--launcher must be local or slurm, found 'pbs'");
        assertRefused(List.of("sweep", file, "--home", h, "--launcher", "slurm", "--time", "4h", "--dry-run"),
                "--time '4h' is not a Slurm time; use MINUTES, MM:SS, HH:MM:SS");
        assertRefused(List.of("sweep", file, "--home", h, "--partition", "gpu"), "go with --launcher slurm");
        assertRefused(List.of("sweep", file, "--home", h, "--launcher", "local", "--time", "10"), "not local");
        assertRefused(List.of("sweep", file, "--home", h, "--launcher", "slurm", "--sbatch-arg", "account=lab", "--dry-run"),
                "--sbatch-arg 'account=lab' must be one sbatch option starting with -");
        assertRefused(List.of("sweep", file, "--home", h, "--launcher", "slurm", "--gpus-per-worker", "-1", "--dry-run"),
                "--gpus-per-worker must be 0 or more");
        assertRefused(List.of("sweep", file, "--home", h, "--launcher", "slurm", "--devices", "0,1", "--dry-run"),
                "--devices with --launcher slurm is cpu or gpu");
        assertRefused(List.of("sweep", file, "--home", h, "--launcher", "slurm", "--partition", "a b", "--dry-run"),
                "is not a partition name");
        assertRefused(List.of("sweep", file, "--home", h, "--launcher", "slurm", "--detach"), "--detach needs a database");
        assertThat(Cli.inProcess("sweeps", "--json", "--home", h).json().get("sweeps")).isEmpty();
    }

    @Test
    void aGpuOnTheCpuBuildIsRefusedByIndexAndAutoFallsBackToTheCpu() {
        assumeTrue(Gpus.list().isEmpty(), "this machine has GPUs; the refusal is for machines without them");
        assertRefused(List.of("sweep", sweepFile().toString(), "--home", home().toString(), "--devices", "gpu"),
                "--devices gpu: this machine has no GPU");
        CliResult worker = Cli.process("worker", "--sweep", "s1", "--device", "0", "--home", home().toString());
        assertThat(worker.exitCode()).as(worker.out() + worker.err()).isEqualTo(2);
        assertThat(worker.err()).contains("--device 0: this workbench was built with the CPU backend")
                .doesNotContain("Exception");
    }

    @Test
    void slurmTimesParseAsSbatchReadsThem() {
        assertThat(SlurmTime.parse("30", "--time")).isEqualTo(Duration.ofMinutes(30));
        assertThat(SlurmTime.parse("5:30", "--time")).isEqualTo(Duration.ofSeconds(330));
        assertThat(SlurmTime.parse("04:00:00", "--time")).isEqualTo(Duration.ofHours(4));
        assertThat(SlurmTime.parse("2-12", "--time")).isEqualTo(Duration.ofHours(60));
        assertThat(SlurmTime.parse("1-00:30", "--time")).isEqualTo(Duration.ofMinutes(24 * 60 + 30));
        assertThat(SlurmTime.parse("1-00:00:10", "--time")).isEqualTo(Duration.ofDays(1).plusSeconds(10));
        for (String bad : List.of("", "4h", "-1", "1:2:3:4", "0", "00:00:00", "1-")) {
            assertThatThrownBy(() -> SlurmTime.parse(bad, "--time")).isInstanceOf(WorkbenchException.class)
                    .hasMessageContaining("--time");
        }
    }

    @Test
    void doctorReportsTheCpuBackendAndWarnsAboutGpusItLeavesUnused() throws Exception {
        CliResult plain = Cli.process("doctor", "--json", "--home", home().toString());
        assertThat(plain.exitCode()).as(plain.out() + plain.err()).isZero();
        JsonNode report = plain.json();
        assertThat(report.get("nd4j").get("backend").asText()).isEqualTo("CPU");
        assertThat(report.get("nd4j").get("build").asText()).isEqualTo("cpu (nd4j-native)");
        assertThat(report.get("nd4j").get("onednn_helpers").asBoolean()).isTrue();
        assertThat(report.get("cores").asInt()).isPositive();

        // A machine with an A100 and an H100, as its driver would list them.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path smi = bin.resolve("nvidia-smi");
        Files.writeString(smi, """
                #!/bin/sh
                case "$1" in
                  --query-gpu=*) echo "0, NVIDIA A100-SXM4-40GB, 40960, 8.0, 535.104.05"
                                 echo "1, NVIDIA H100 80GB HBM3, 81559, 9.0, 535.104.05" ;;
                  *) echo "| NVIDIA-SMI 535.104.05   Driver Version: 535.104.05   CUDA Version: 12.2 |" ;;
                esac
                """);
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        CliResult withGpus = Cli.processIn(dir, Map.of("PATH", bin + ":" + System.getenv("PATH")), "doctor", "--home",
                home().toString());
        assertThat(withGpus.exitCode()).as(withGpus.out() + withGpus.err()).isZero();
        assertThat(withGpus.out()).contains("GPUs:      driver 535.104.05, CUDA 12.2 supported")
                .contains("GPU 0: NVIDIA A100-SXM4-40GB, 40960 MiB, compute capability 8.0")
                .contains("warning: 2 GPUs are present but this workbench was built with the CPU backend")
                .contains("warning: GPU 1 (NVIDIA H100 80GB HBM3) has compute capability 9.0, which the CUDA 11.6 build has no code")
                .doesNotContain("GPU 0 (NVIDIA A100-SXM4-40GB) has compute capability");
    }

    private static void assertRefused(List<String> args, String message) {
        CliResult r = Cli.inProcess(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("Exception");
    }

    private static boolean slurmAnswers() throws Exception {
        Process p = new ProcessBuilder("sinfo", "-h").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
