package org.cnnworkbench.db;

import java.nio.file.Path;
import java.sql.SQLException;

/** Builds the message users see when a database file is held by another process. */
final class LockedDatabase {

    private static final String FILE_SUFFIX = ".mv.db";

    private LockedDatabase() {
    }

    static DatabaseInUseException exception(String url, SQLException cause) {
        Path base = embeddedBase(url);
        if (base == null) {
            return new DatabaseInUseException("The database " + url
                    + " is locked: another process has its file open (H2 error " + cause.getErrorCode()
                    + "). Stop that process, or serve the file from it and connect over TCP.", url, cause);
        }
        String file = base + FILE_SUFFIX;
        Path dbDir = base.getParent();
        boolean inHome = dbDir != null && dbDir.getFileName() != null
                && dbDir.getFileName().toString().equals("db") && dbDir.getParent() != null;
        String who = inHome
                ? "another workbench process is using this home (" + dbDir.getParent() + ")"
                : "another workbench process is using this database";
        return new DatabaseInUseException("The workbench database file " + file + " is locked: " + who
                + ". Stop that process first, or connect through the H2 TCP server it runs instead of"
                + " opening the file.", file, cause);
    }

    /** The file path (without {@code .mv.db}) of an embedded URL, or {@code null} for server URLs. */
    static Path embeddedBase(String url) {
        String rest = url.substring("jdbc:h2:".length());
        int options = rest.indexOf(';');
        if (options >= 0) {
            rest = rest.substring(0, options);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        } else if (rest.matches("^[a-z]+:.*") && !rest.matches("^[A-Za-z]:[\\\\/].*")) {
            return null; // tcp:, ssl:, mem:, zip:, ... (but not a Windows drive letter)
        }
        return Path.of(rest);
    }
}
