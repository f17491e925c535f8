package org.cnnworkbench.app.cli.sweep;

import org.cnnworkbench.app.cli.JsonOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.cnnworkbench.engine.json.SweepJson;
import org.cnnworkbench.engine.sweep.SweepObjectives;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.TrialRow;
import org.cnnworkbench.engine.store.WorkerRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.cli.SweepIdParameter;
import org.cnnworkbench.app.text.ParamText;
import org.cnnworkbench.app.text.Table;
import org.cnnworkbench.app.home.Workbench;

/** {@code workbench sweep-status ID}: a sweep's trials and workers. */
@Command(name = "sweep-status", mixinStandardHelpOptions = true, header = "Show a sweep: its trials, their parameters and objectives, its workers.")
public final class SweepStatusCommand extends HomeCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @Mixin
    SweepIdParameter sweep;

    @Mixin
    JsonOption json;

    @Override
    protected int run(Workbench workbench) throws Exception {
        SweepDetail detail = sweep.find(workbench);
        var jobs = workbench.sweeps().jobs(sweep.id());
        if (json.on()) {
            var objectives = SweepObjectives.report(detail, workbench.store());
            var doc = SweepJson.of(detail, objectives.objectivesJson(), objectives.byTrial(), objectives.pareto());
            doc.put("jobs", jobs.stream().map(j -> java.util.Map.of("launcher", j.launcher(), "job_id", j.jobId(),
                    "tasks", j.tasks(), "submitted_at", Instant.ofEpochMilli(j.submittedAt()).toString())).toList());
            json.print(doc);
            return ExitCodes.OK;
        }
        var s = detail.summary();
        System.out.println("Sweep " + s.id() + " of " + s.experiment() + ": " + s.state().label()
                + (s.reason() == null ? "" : " (" + s.reason() + ")") + "; strategy " + s.strategy() + "; "
                + s.direction() + " " + s.objectiveMetric() + " (" + s.objectiveOver() + " epoch)"
                + (s.budgetTrials() == null ? "" : "; budget " + s.budgetTrials() + " configurations")
                + (s.budgetMinutes() == null ? "" : ", " + s.budgetMinutes() + " min"));
        Table trials = new Table("trial", "id", "status", "epochs", s.objectiveMetric(), "attempts", "parameters", "note");
        for (TrialRow t : detail.trials()) {
            trials.add(t.number(), t.id(), t.status().label(), t.epochs(), Table.metric(t.objective()), t.attempts(),
                    ParamText.of(t.params()), t.status().label().equals("completed") ? null : t.reason());
        }
        System.out.print(trials);
        if (!detail.workers().isEmpty()) {
            System.out.println();
            Table workers = new Table("worker", "host", "pid", "device", "threads", "job", "state", "trial", "last heartbeat");
            for (WorkerRow w : detail.workers()) {
                workers.add(w.id(), w.host(), w.pid(), w.device(), w.threads(), w.jobId(), w.state(), w.trialId(),
                        TIME.format(Instant.ofEpochMilli(w.lastSeenAt())));
            }
            System.out.print(workers);
        }
        for (var j : jobs) {
            System.out.println("Slurm job array " + j.jobId() + ": " + j.tasks() + " worker" + (j.tasks() == 1 ? "" : "s")
                    + ", submitted " + TIME.format(Instant.ofEpochMilli(j.submittedAt())));
        }
        if (s.bestTrialId() != null) {
            System.out.println("Best: " + s.bestTrialId() + " (" + s.objectiveMetric() + " " + Table.metric(s.best()) + ")");
        }
        return ExitCodes.OK;
    }
}
