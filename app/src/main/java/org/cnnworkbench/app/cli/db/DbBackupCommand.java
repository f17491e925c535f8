package org.cnnworkbench.app.cli.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.home.Workbench;

/**
 * {@code workbench db backup FILE.zip}: a consistent copy of the home's database taken while it is
 * in use (H2's online {@code BACKUP TO}, through the process serving it if there is one), with the
 * home's credentials, so that {@code db restore} brings it back in another home or machine.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        header = "Copy the home's database (safe while sweeps run) and its credentials into a zip file.")
public final class DbBackupCommand extends HomeCommand {
    /** The database file inside the zip, as H2's BACKUP writes it. */
    static final String DATABASE_ENTRY = "workbench.mv.db";
    static final String CREDENTIALS_ENTRY = "credentials";

    @Parameters(paramLabel = "FILE.zip", description = "The backup file to write (must not exist)")
    Path file;

    @Override
    protected void checkArguments() {
        if (!homeOptions.isHomeDatabase()) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "db backup copies the home's own database; leave out --db "
                    + "(on the machine that serves it, run it with that --home)");
        }
        Path target = target();
        if (Files.exists(target)) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, target + " exists; choose a new file name");
        }
        if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "no folder " + target.getParent());
        }
        if (!Files.exists(homeOptions.home().resolve("db").resolve(DATABASE_ENTRY))) {
            throw new WorkbenchException(ErrorCode.NOT_FOUND, "no database in " + homeOptions.home() + " to back up");
        }
    }

    @Override
    protected int run(Workbench workbench) throws IOException {
        Path target = target();
        Path credentials = homeOptions.home().resolve("db").resolve("credentials");
        Path raw = Files.createTempFile(target.getParent() == null ? Path.of(".") : target.getParent(), ".workbench-backup", ".zip");
        Files.delete(raw);
        try {
            workbench.database().inTransaction("back up the database", connection -> {
                try (PreparedStatement backup = connection.prepareStatement("BACKUP TO ?")) {
                    backup.setString(1, raw.toString());
                    backup.execute();
                } catch (SQLException e) {
                    throw new WorkbenchException(ErrorCode.UNAVAILABLE, "the database could not write " + raw + ": " + e.getMessage()
                            + (workbench.database().url().startsWith("jdbc:h2:tcp:") ? " (the serving process writes it)" : ""), e);
                }
                return null;
            });
            workbench.homeDatabase().password(); // makes sure the credentials file exists
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target));
                 ZipInputStream in = new ZipInputStream(Files.newInputStream(raw))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
                out.putNextEntry(new ZipEntry(CREDENTIALS_ENTRY));
                Files.copy(credentials, out);
                out.closeEntry();
            }
        } finally {
            Files.deleteIfExists(raw);
        }
        target.toFile().setReadable(false, false);
        target.toFile().setReadable(true, true);
        System.out.println("Backed up the database of " + homeOptions.home() + " to " + target + " (" + Files.size(target)
                + " bytes; it holds the home's credentials, so it is readable by you only). Restore: ./workbench db restore "
                + target + " --home NEW_HOME");
        return ExitCodes.OK;
    }

    private Path target() {
        return file.toAbsolutePath().normalize();
    }

    /** Copies one zip entry to a file. */
    static void extract(InputStream in, Path to) throws IOException {
        try (OutputStream out = Files.newOutputStream(to)) {
            in.transferTo(out);
        }
    }
}
