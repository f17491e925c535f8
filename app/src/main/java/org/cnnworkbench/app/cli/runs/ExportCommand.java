package org.cnnworkbench.app.cli.runs;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.json.RunExport;
import org.cnnworkbench.engine.store.RunQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.cli.RunIdParameter;
import org.cnnworkbench.app.home.Workbench;

/** {@code workbench export}: runs (a sweep, a selection, or all) to JSON or CSV for analysis elsewhere. */
@Command(name = "export", mixinStandardHelpOptions = true,
        header = "Export runs (parameters, summaries, per-epoch metrics) to JSON or CSV: a sweep, some runs, or all.")
public final class ExportCommand extends HomeCommand {
    @Parameters(paramLabel = "RUN_ID", arity = "0..*", description = "Runs to export (default: all, or those of --sweep)")
    List<String> runIds = new ArrayList<>();

    @Option(names = "--sweep", paramLabel = "SWEEP_ID", description = "Export the trials of this sweep")
    String sweep;

    @Option(names = "--experiment", paramLabel = "NAME", description = "Only runs of this experiment")
    String experiment;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json|csv",
            description = "json: one document with everything; csv: a table (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--epochs", description = "CSV: one row per run and epoch instead of one row per run")
    boolean epochs;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE instead of standard output")
    Path out;

    @Mixin
    QueryOptions query;

    @Override
    protected void checkArguments() throws IOException {
        if (!format.equals("json") && !format.equals("csv")) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--format must be json or csv, found '" + format + "'");
        }
        if (epochs && format.equals("json")) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--epochs goes with --format csv (JSON always holds the epochs)");
        }
        query.check();
        if (query.given() && !runIds.isEmpty()) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "give run ids or --filter/--order-by, not both");
        }
    }

    @Override
    protected int run(Workbench workbench) throws IOException {
        List<String> ids = new ArrayList<>();
        for (String id : runIds) {
            String rid = RunIdParameter.normalize(id);
            if (workbench.store().findRun(rid).isEmpty()) {
                throw new WorkbenchException(ErrorCode.NOT_FOUND, "no run '" + id + "' in " + workbench.home()
                        + " (see ./workbench runs)");
            }
            ids.add(rid);
        }
        if (ids.isEmpty()) {
            if (sweep != null && workbench.sweeps().findSweep(sweep).isEmpty()) {
                throw new WorkbenchException(ErrorCode.NOT_FOUND, "no sweep '" + sweep + "' in " + workbench.home()
                        + " (see ./workbench sweeps)");
            }
            ids.addAll(QueryOptions.allIds(workbench, query.apply(new RunQuery(Set.of(), experiment, sweep, null, null, List.of(),
                    "id", false, 0, RunQuery.MAX_LIMIT))));
        }
        if (out == null) {
            // Standard output stays open for whatever prints after.
            write(workbench, ids, new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        } else {
            try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                write(workbench, ids, w);
            }
        }
        if (out != null) {
            System.err.println("Exported " + ids.size() + " run" + (ids.size() == 1 ? "" : "s") + " to " + out);
        }
        return ExitCodes.OK;
    }

    @SuppressWarnings("unchecked")
    private void write(Workbench workbench, List<String> ids, Writer w) throws IOException {
        if (format.equals("json")) {
            java.util.Map<String, Object> doc = RunExport.json(workbench.store(), ids);
            java.util.Map<String, String> notes = workbench.curation().notes(ids);
            ((List<java.util.Map<String, Object>>) doc.get("runs")).forEach(m -> m.put("note", notes.get((String) m.get("id"))));
            w.write(Json.pretty(doc));
            w.write("\n");
        } else if (epochs) {
            RunExport.epochsCsv(workbench.store(), ids, w);
        } else {
            RunExport.runsCsv(workbench.store(), ids, workbench.curation().notes(ids), w);
        }
        w.flush();
    }
}
