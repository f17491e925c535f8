package org.cnnworkbench.app.cli.runs;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.json.RunJson;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.cli.JsonOption;
import org.cnnworkbench.app.text.ProgressView;
import org.cnnworkbench.app.text.Table;
import org.cnnworkbench.app.home.Workbench;

/** {@code workbench runs}: the recorded runs. */
@Command(name = "runs", mixinStandardHelpOptions = true, header = "List recorded runs, newest first.")
public final class RunsCommand extends HomeCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Mixin
    JsonOption json;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many runs (default ${DEFAULT-VALUE})")
    int limit;

    @Mixin
    QueryOptions query;

    @Override
    protected void checkArguments() {
        query.check();
    }

    @Override
    protected int run(Workbench workbench) {
        List<RunSummary> runs = query.given() ? query.runs(workbench, limit) : workbench.store().listRuns(Math.max(1, limit));
        if (json.on()) {
            json.print(Map.of("runs", runs.stream().map(RunJson::summary).toList()));
            return ExitCodes.OK;
        }
        if (runs.isEmpty()) {
            System.out.println("No runs yet in " + workbench.home() + ". Start one: ./workbench run experiments/quickstart.yaml");
            return ExitCodes.OK;
        }
        Map<String, String> notes = workbench.curation()
                .notes(runs.stream().map(RunSummary::id).toList());
        Table table = new Table("id", "experiment", "status", "epochs", "best val_acc", "test acc", "started", "duration", "note");
        for (RunSummary r : runs) {
            table.add(r.id(), r.experiment(), r.status().label(), r.epochs(), Table.metric(r.bestValAccuracy()),
                    Table.metric(r.testAccuracy()), r.startedAt() == null ? null : TIME.format(Instant.ofEpochMilli(r.startedAt())),
                    duration(r), firstLine(notes.get(r.id())));
        }
        System.out.print(table);
        return ExitCodes.OK;
    }

    /** A note's first line, cut to 40 characters for the table; null without a note. */
    private static String firstLine(String note) {
        if (note == null) {
            return null;
        }
        String line = note.lines().findFirst().orElse("");
        return line.length() > 40 ? line.substring(0, 39) + "…" : line;
    }


    private static String duration(RunSummary r) {
        return duration(r, System.currentTimeMillis());
    }

    /**
     * How long the run took, or has been running at {@code now}; nothing for a run that was interrupted (its
     * process died at a moment nobody recorded) or has not started.
     */
    static String duration(RunSummary r, long now) {
        if (r.startedAt() == null || r.status() == RunStatus.INTERRUPTED) {
            return null;
        }
        long end = r.endedAt() == null ? now : r.endedAt();
        return ProgressView.seconds((end - r.startedAt()) / 1000.0) + (r.endedAt() == null ? " (running)" : "");
    }
}
