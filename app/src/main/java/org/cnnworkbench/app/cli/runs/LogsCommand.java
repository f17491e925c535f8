package org.cnnworkbench.app.cli.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnworkbench.engine.store.Artifact;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.cli.RunIdParameter;
import org.cnnworkbench.app.home.Workbench;

/** {@code workbench logs RUN_ID}: what a run's worker printed while it trained. */
@Command(name = "logs", mixinStandardHelpOptions = true, header = "Print a run's log (its worker's output for that run).")
public final class LogsCommand extends HomeCommand {
    @Mixin
    RunIdParameter runId;

    @Override
    protected int run(Workbench workbench) throws Exception {
        String id = runId.id();
        var run = runId.find(workbench);
        Path file = run.artifacts().stream().filter(a -> a.kind().equals("log")).map(Artifact::relativePath)
                .map(workbench.home()::resolve).findFirst()
                .orElse(workbench.home().resolve("runs").resolve(id).resolve("trial.log"));
        if (!Files.isRegularFile(file)) {
            System.out.println("Run " + id + " has no log" + (run.summary().status().label().equals("queued")
                    ? " yet (it has not started)." : " (runs started with 'run' print to the terminal; trials of sweeps keep logs)."));
            return ExitCodes.OK;
        }
        try {
            System.out.write(Files.readAllBytes(file));
            System.out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return ExitCodes.OK;
    }
}
