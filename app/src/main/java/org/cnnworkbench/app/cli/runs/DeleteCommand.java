package org.cnnworkbench.app.cli.runs;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.cli.RunIdParameter;
import org.cnnworkbench.app.home.Workbench;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.query.QueryException;
import org.cnnworkbench.engine.query.RunFilter;
import org.cnnworkbench.engine.store.RunQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workbench delete RUN_ID... | --sweep ID | --filter EXPR}: moves runs (or a sweep with its trials)
 * to the trash, after asking on a terminal ({@code --yes} for scripts). Queued or running ones are refused.
 * Rows and files stay until {@code gc}; {@code restore} brings them back.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
        header = "Move runs (or a sweep with its trials) to the trash; ./workbench gc frees their space, ./workbench restore undoes it.")
public final class DeleteCommand extends HomeCommand {
    @Parameters(arity = "0..*", paramLabel = "RUN_ID", description = "Runs to move to the trash (r12, or 12)")
    List<String> runIds = new ArrayList<>();

    @Option(names = "--sweep", paramLabel = "SWEEP_ID", description = "A sweep and all its trials")
    String sweep;

    @Option(names = "--filter", paramLabel = "EXPR", description = "The runs matching EXPR (the query language of runs --filter)")
    String filter;

    @Option(names = {"-y", "--yes"}, description = "Do not ask (for scripts)")
    boolean yes;

    private RunFilter parsed;

    @Override
    protected void checkArguments() {
        int ways = (runIds.isEmpty() ? 0 : 1) + (sweep == null ? 0 : 1) + (filter == null ? 0 : 1);
        if (ways != 1) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "name what to delete one way: RUN_ID..., --sweep ID or --filter EXPR");
        }
        if (filter != null) {
            try {
                parsed = RunFilter.parse(filter);
            } catch (QueryException e) {
                throw QueryOptions.usage("--filter", e);
            }
        }
        runIds.replaceAll(RunIdParameter::normalize);
        for (String id : runIds) {
            if (!id.matches("r\\d{1,18}")) {
                throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "'" + id + "' is not a run id (r12); a sweep goes with --sweep");
            }
        }
        if (sweep != null && !sweep.matches("s\\d{1,18}")) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "'" + sweep + "' is not a sweep id (s3)");
        }
    }

    @Override
    protected int run(Workbench workbench) {
        List<String> ids = new ArrayList<>(runIds);
        String what;
        if (sweep != null) {
            ids.add(sweep);
            what = "sweep " + sweep + " with its trials";
        } else if (parsed != null) {
            ids.addAll(QueryOptions.allIds(workbench, RunQuery.newest(RunQuery.MAX_LIMIT).with(parsed, List.of())));
            if (ids.isEmpty()) {
                System.out.println("No run matches " + filter + "; nothing moved.");
                return ExitCodes.OK;
            }
            what = ids.size() + " run" + (ids.size() == 1 ? "" : "s") + " (" + String.join(", ", ids.subList(0, Math.min(10, ids.size())))
                    + (ids.size() > 10 ? ", ..." : "") + ")";
        } else {
            what = ids.size() == 1 ? "run " + ids.get(0) : ids.size() + " runs (" + String.join(", ", ids) + ")";
        }
        if (!yes) {
            java.io.Console console = System.console();
            if (console == null) {
                throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "delete would move " + what
                        + " to the trash; there is no terminal to confirm on: add --yes");
            }
            String answer = console.readLine("Move %s to the trash? [y/N] ", what);
            if (answer == null || !answer.strip().toLowerCase(java.util.Locale.ROOT).matches("y|yes")) {
                System.out.println("Nothing moved.");
                return ExitCodes.OK;
            }
        }
        List<String> moved;
        try {
            moved = workbench.curation().trash(ids);
        } catch (IllegalStateException e) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, e.getMessage() + "; nothing was moved");
        } catch (IllegalArgumentException e) {
            throw new WorkbenchException(ErrorCode.NOT_FOUND, e.getMessage() + " in " + workbench.home() + "; nothing was moved");
        }
        System.out.println("Moved " + what + " to the trash (" + moved.size() + " run" + (moved.size() == 1 ? "" : "s")
                + "). See it with ./workbench runs --trash; undo with ./workbench restore ID; free the space with ./workbench gc.");
        return ExitCodes.OK;
    }
}
