package org.cnnworkbench.db;

/**
 * The database file is locked because another process has it open. An embedded H2 file opens
 * in one process only: a second workbench process on the same home must connect through the first
 * one's TCP server instead.
 */
public class DatabaseInUseException extends StoreException {

    private final String lockedFile;

    public DatabaseInUseException(String message, String lockedFile, Throwable cause) {
        super(message, cause);
        this.lockedFile = lockedFile;
    }

    /** The locked database file (or the JDBC URL when no file can be named). */
    public String lockedFile() {
        return lockedFile;
    }
}
