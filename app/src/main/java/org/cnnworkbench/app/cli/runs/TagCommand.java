package org.cnnworkbench.app.cli.runs;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.home.Workbench;

/** {@code workbench tag RUN_ID KEY[=VALUE]...}: label runs, to filter and search them (runs tables, dashboard). */
@Command(name = "tag", mixinStandardHelpOptions = true,
        header = "Tag a run (KEY or KEY=VALUE), or remove tags with --remove; tags filter the dashboard's runs table.")
public final class TagCommand extends HomeCommand {
    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run, e.g. r12")
    String runId;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "KEY[=VALUE]", description = "Tags to set, e.g. baseline or team=vision")
    List<String> tags = new ArrayList<>();

    @Option(names = "--remove", paramLabel = "KEY", description = "A tag to remove (repeatable)")
    List<String> remove = new ArrayList<>();

    @Override
    protected void checkArguments() {
        if (tags.isEmpty() && remove.isEmpty()) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "give tags to set (KEY or KEY=VALUE) or --remove KEY");
        }
    }

    @Override
    protected int run(Workbench workbench) {
        String id = runId.matches("\\d+") ? "r" + runId : runId;
        if (!id.matches("r\\d+") || workbench.store().findRun(id).isEmpty()) {
            throw new WorkbenchException(ErrorCode.NOT_FOUND, "no run '" + runId + "' in " + workbench.home()
                    + " (see ./workbench runs)");
        }
        for (String t : tags) {
            int eq = t.indexOf('=');
            String key = eq < 0 ? t : t.substring(0, eq);
            try {
                workbench.store().tag(id, key, eq < 0 ? null : t.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "tag '" + t + "': " + e.getMessage(), e);
            }
        }
        for (String key : remove) {
            if (!workbench.store().untag(id, key)) {
                System.err.println("warning: " + id + " had no tag '" + key + "'");
            }
        }
        System.out.println("Tagged " + id + ".");
        return ExitCodes.OK;
    }
}
