package org.cnnworkbench.app.cli.sweep;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.json.SweepJson;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.SweepSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.text.Table;
import org.cnnworkbench.app.home.Workbench;

/** {@code workbench sweeps}: the recorded sweeps. */
@Command(name = "sweeps", mixinStandardHelpOptions = true, header = "List sweeps, newest first.")
public final class SweepsCommand extends HomeCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @Option(names = "--json", description = "Print one JSON document (for scripts), with each sweep's trials")
    boolean json;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many sweeps (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    protected int run(Workbench workbench) throws Exception {
        List<SweepSummary> sweeps = workbench.sweeps().listSweeps(Math.max(1, limit));
        if (json) {
            List<SweepDetail> details = sweeps.stream().map(s -> workbench.sweeps().findSweep(s.id()).orElseThrow()).toList();
            System.out.println(Json.pretty(Map.of("sweeps", SweepJson.all(details))));
            return ExitCodes.OK;
        }
        if (sweeps.isEmpty()) {
            System.out.println("No sweeps yet in " + workbench.home() + ". Start one: ./workbench sweep experiments/sweep-small-cnn-lr-batch-optimizer.yaml");
            return ExitCodes.OK;
        }
        Table table = new Table("id", "experiment", "status", "strategy", "trials", "done", "running", "queued", "objective",
                "best", "best trial", "created");
        for (SweepSummary s : sweeps) {
            int done = s.count(RunStatus.COMPLETED) + s.count(RunStatus.PRUNED) + s.count(RunStatus.FAILED)
                    + s.count(RunStatus.CANCELLED);
            table.add(s.id(), s.experiment(), s.state().label(), s.strategy(), s.trials(), done, s.count(RunStatus.RUNNING),
                    s.count(RunStatus.QUEUED), s.direction().substring(0, 3) + " " + s.objectiveMetric(), Table.metric(s.best()),
                    s.bestTrialId(), TIME.format(Instant.ofEpochMilli(s.createdAt())));
        }
        System.out.print(table);
        return ExitCodes.OK;
    }
}
