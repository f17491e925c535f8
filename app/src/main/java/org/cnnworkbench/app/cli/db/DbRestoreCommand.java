package org.cnnworkbench.app.cli.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.cnnworkbench.app.cli.HomeFilesCommand;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.home.Workbench;

/** {@code workbench db restore FILE.zip}: puts a {@code db backup} into a home that has no database yet. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        header = "Restore a 'db backup' zip into a home without a database (e.g. a new machine's).")
public final class DbRestoreCommand extends HomeFilesCommand {
    @Parameters(paramLabel = "FILE.zip", description = "A file written by ./workbench db backup")
    Path file;

    @Override
    protected int run(Path home) throws IOException {
        if (!homeOptions.isHomeDatabase()) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "db restore fills a home's own database; leave out --db");
        }
        if (!Files.isRegularFile(file)) {
            throw new WorkbenchException(ErrorCode.NOT_FOUND, "no backup file " + file.toAbsolutePath());
        }
        Path dbDir = home.resolve("db");
        if (Files.exists(dbDir.resolve(DbBackupCommand.DATABASE_ENTRY))) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, home + " already has a database; restore into "
                    + "a new home (--home NEW_HOME), so that nothing recorded is overwritten");
        }
        Files.createDirectories(dbDir);
        Set<String> found = new HashSet<>();
        Path staging = Files.createTempDirectory(dbDir, ".restore");
        try {
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    String name = e.getName();
                    if (name.equals(DbBackupCommand.DATABASE_ENTRY) || name.equals(DbBackupCommand.CREDENTIALS_ENTRY)) {
                        DbBackupCommand.extract(in, staging.resolve(name));
                        found.add(name);
                    }
                }
            } catch (ZipException e) {
                throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, file + " is not a zip file written by db backup ("
                        + e.getMessage() + ")", e);
            }
            if (!found.contains(DbBackupCommand.DATABASE_ENTRY) || !found.contains(DbBackupCommand.CREDENTIALS_ENTRY)) {
                throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, file + " is not a backup written by db backup: it lacks "
                        + (found.contains(DbBackupCommand.DATABASE_ENTRY) ? "" : DbBackupCommand.DATABASE_ENTRY + " ")
                        + (found.contains(DbBackupCommand.CREDENTIALS_ENTRY) ? "" : DbBackupCommand.CREDENTIALS_ENTRY));
            }
            Files.setPosixFilePermissions(staging.resolve(DbBackupCommand.CREDENTIALS_ENTRY),
                    PosixFilePermissions.fromString("rw-------"));
            Files.move(staging.resolve(DbBackupCommand.CREDENTIALS_ENTRY), dbDir.resolve(DbBackupCommand.CREDENTIALS_ENTRY),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(staging.resolve(DbBackupCommand.DATABASE_ENTRY), dbDir.resolve(DbBackupCommand.DATABASE_ENTRY));
        } finally {
            try (var left = Files.list(staging)) {
                for (Path p : left.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(staging);
        }
        // Open it once: proves it readable with its credentials and migrates an older schema.
        try (Workbench workbench = openHome()) {
            int runs = workbench.store().listRuns(Integer.MAX_VALUE).size();
            System.out.println("Restored " + file + " into " + home + ": " + runs + " run" + (runs == 1 ? "" : "s")
                    + ", " + workbench.sweeps().listSweeps(Integer.MAX_VALUE).size() + " sweeps. Run files (models, checkpoints, "
                    + "logs) live under the home's runs/ folder: copy it along (paths are relative to the home).");
        }
        return ExitCodes.OK;
    }
}
