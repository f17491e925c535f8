package org.cnnworkbench.app.cli.runs;

import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.home.Workbench;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.store.RunCuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workbench note ID "text"}: a free-text note on a run or a sweep (shown in tables, searchable, exported). */
@Command(name = "note", mixinStandardHelpOptions = true,
        header = "Write the note of a run or a sweep (searchable: --filter \"note like '%augment%'\").")
public final class NoteCommand extends HomeCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "A run (r12, or 12) or a sweep (s3)")
    String id;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TEXT", description = "The note (replaces the old one)")
    String text;

    @Option(names = "--clear", description = "Remove the note")
    boolean clear;

    @Override
    protected void checkArguments() {
        if (id.matches("\\d+")) {
            id = "r" + id;
        }
        if (!id.matches("[rs]\\d{1,18}")) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "'" + id + "' is not a run id (r12) or a sweep id (s3)");
        }
        if (clear == (text != null)) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "give the note's TEXT, or --clear to remove it");
        }
        if (text != null && text.isBlank()) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "the note is empty; use --clear to remove a note");
        }
        if (text != null && text.strip().length() > RunCuration.MAX_NOTE) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "a note has at most " + RunCuration.MAX_NOTE
                    + " characters, this one " + text.strip().length());
        }
    }

    @Override
    protected int run(Workbench workbench) {
        if (!workbench.curation().setNote(id, clear ? null : text)) {
            throw new WorkbenchException(ErrorCode.NOT_FOUND, "no " + (id.startsWith("r") ? "run" : "sweep") + " '" + id + "' in "
                    + workbench.home() + " (see ./workbench " + (id.startsWith("r") ? "runs" : "sweeps") + ")");
        }
        System.out.println(clear ? "Removed the note of " + id + "." : "Noted on " + id + ": " + text.strip());
        return ExitCodes.OK;
    }
}
