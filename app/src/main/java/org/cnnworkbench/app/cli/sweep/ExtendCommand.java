package org.cnnworkbench.app.cli.sweep;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.cli.SweepIdParameter;
import org.cnnworkbench.app.cli.train.ResumeCommand;
import org.cnnworkbench.app.home.Workbench;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.spec.ExperimentValidator;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.SweepState;
import org.cnnworkbench.engine.store.TrialRow;
import org.cnnworkbench.engine.sweep.SweepDefinition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code workbench extend SWEEP_ID --trials N [--max-minutes M]}: more budget for a finished or paused
 * sweep, then its workers start as {@code resume} starts them (same launcher and options: --workers,
 * --launcher, --detach, ...), and the strategy sees every finished trial (a TPE sweep continues from
 * its history). A running sweep is paused first ({@code ./workbench pause}).
 */
@Command(name = "extend", mixinStandardHelpOptions = true,
        header = "Give a sweep more configurations (--trials) or minutes (--max-minutes): a running one takes them at once, "
                + "a finished or paused one runs them now.")
public final class ExtendCommand extends HomeCommand {
    @Mixin
    SweepIdParameter sweep;

    @Option(names = "--trials", paramLabel = "N", description = "Configurations to add")
    Integer trials;

    @Option(names = "--max-minutes", paramLabel = "M", description = "Minutes, from now, in which new configurations may start")
    Integer maxMinutes;

    @Unmatched
    List<String> resumeOptions = new ArrayList<>();

    @Override
    protected void checkArguments() {
        sweep.checkForm("extend");
        if (trials == null && maxMinutes == null) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "extend needs --trials N (configurations to add) and/or "
                    + "--max-minutes M");
        }
        if (trials != null && trials < 1 || maxMinutes != null && maxMinutes < 1) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--trials and --max-minutes must be at least 1, found "
                    + (trials != null && trials < 1 ? trials : maxMinutes));
        }
    }

    @Override
    protected int run(Workbench workbench) {
        String id = sweep.id();
        SweepDetail detail = sweep.find(workbench);
        SweepState state = detail.summary().state();
        if (state == SweepState.CANCELLED) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "sweep " + id + " was cancelled; a cancelled sweep is not "
                    + "extended. Start it again: ./workbench sweep FILE");
        }
        boolean running = state == SweepState.RUNNING || state == SweepState.QUEUED;
        SweepDefinition definition = SweepDefinition.fromJson(detail.specJson(), new ExperimentValidator(workbench.plugins()));
        var spec = definition.sweep();
        int used = detail.trials().stream().mapToInt(TrialRow::configuration).max().orElse(-1) + 1;
        Integer newTrials = spec.trials();
        if (trials != null) {
            int limit = spec.withBudget(null, spec.maxMinutes()).configurationBudget();   // a grid's size, else unbounded
            int from = Math.max(used, spec.trials() == null ? used : Math.min(spec.trials(), limit));
            if (from >= limit) {
                throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "every configuration of the grid of sweep " + id
                        + " has run (" + limit + "); there is nothing to add");
            }
            newTrials = (int) Math.min(limit, (long) from + trials);
        }
        Integer newMinutes = spec.maxMinutes();
        if (maxMinutes != null) {
            Long started = detail.summary().startedAt();
            long elapsed = started == null ? 0 : Math.max(0, (System.currentTimeMillis() - started + 59_999) / 60_000);
            newMinutes = (int) Math.min(Integer.MAX_VALUE, elapsed + maxMinutes);
        }
        SweepDefinition extended = definition.withBudget(newTrials, newMinutes);
        String what = (trials != null ? "budget " + newTrials + " configurations (was " + (spec.trials() == null ? "none" : spec.trials())
                + ")" : "") + (trials != null && maxMinutes != null ? ", " : "")
                + (maxMinutes != null ? "new configurations may start for " + maxMinutes + " more min" : "");
        workbench.sweeps().extendSweep(id, extended.toJson(), newTrials, newMinutes, "extended: " + what);
        if (running) {
            // Its workers claim under the new budget once the old one is spent, and its watcher completes it only then.
            System.out.println("Extended " + id + " while it runs: " + what + ". Its workers take the new budget; follow it with "
                    + "./workbench sweep-status " + id + ".");
            return ExitCodes.OK;
        }
        System.out.println("Extended " + id + ": " + what + ".");
        List<String> args = new ArrayList<>(List.of(id));
        args.addAll(homeOptions.arguments());
        args.addAll(resumeOptions);
        CommandLine resume = new CommandLine(new ResumeCommand())
                .setExecutionExceptionHandler((e, commandLine, parsed) -> {
                    throw e;
                });
        workbench.close();   // resume opens the home itself
        return resume.execute(args.toArray(String[]::new));
    }
}
