package org.cnnworkbench.app.cli.db;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code workbench db}: the home's database. */
@Command(name = "db", mixinStandardHelpOptions = true, header = "The home's database: serve it to other machines, back it up, restore it.",
        subcommands = {DbServeCommand.class, DbBackupCommand.class, DbRestoreCommand.class})
public final class DbCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
