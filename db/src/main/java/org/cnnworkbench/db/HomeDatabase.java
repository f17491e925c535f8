package org.cnnworkbench.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The database of a workbench home ({@code HOME/db}): its embedded H2 file, the generated
 * credentials that protect it ({@code HOME/db/credentials}, readable by the user only), and the
 * note a process serving it over TCP leaves ({@code HOME/db/server.properties}).
 *
 * <p>{@link #open()} connects the way that works now: to the serving process's TCP server when one
 * is alive (the file is locked by it), else to the embedded file. So every command works while a
 * sweep or the web UI owns the database.
 */
public final class HomeDatabase {
    /** The user of every home database. */
    public static final String USER = "sa";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path home;

    public HomeDatabase(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    public Path home() {
        return home;
    }

    Path dir() {
        return home.resolve("db");
    }

    Path credentialsFile() {
        return dir().resolve("credentials");
    }

    Path serverFile() {
        return dir().resolve("server.properties");
    }

    /** The embedded file's URL. */
    public String embeddedUrl() {
        return H2Database.embeddedUrl(home);
    }

    /** The home's password, generated (and the database's admin password set) on first use. */
    public String password() {
        Path file = credentialsFile();
        if (Files.isRegularFile(file)) {
            return read(file).getProperty("password");
        }
        try {
            Files.createDirectories(dir());
            String password = HexFormat.of().formatHex(randomBytes());
            adoptLegacyDatabase(password);
            Properties p = new Properties();
            p.setProperty("user", USER);
            p.setProperty("password", password);
            writeOwnerOnly(file, p, "CNN Workbench database credentials: keep this file private");
            return read(file).getProperty("password");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the database credentials " + file, e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** A database created before credentials existed has an empty admin password: set the generated one. */
    private void adoptLegacyDatabase(String password) {
        if (!Files.exists(dir().resolve("workbench.mv.db"))) {
            return;
        }
        try (Connection c = DriverManager.getConnection(embeddedUrl(), USER, "");
             PreparedStatement alter = c.prepareStatement("ALTER USER " + USER + " SET PASSWORD ?")) {
            alter.setString(1, password);
            alter.executeUpdate();
        } catch (SQLException e) {
            if (e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw LockedDatabase.exception(embeddedUrl(), e);
            }
            throw new StoreException("the database of " + home + " has a password but its credentials file "
                    + credentialsFile() + " is missing; restore the file (or give --db and WORKBENCH_DB_PASSWORD)", e);
        }
    }

    /**
     * Opens the home's database: through a live serving process when there is one, else the
     * embedded file.
     *
     * @throws DatabaseInUseException if the file is locked and no serving process answers
     */
    public H2Database open() {
        String password = password();
        Optional<String> served = servedUrl();
        if (served.isPresent()) {
            try {
                return H2Database.open(served.get(), USER, password);
            } catch (StoreException e) {
                // The serving process has just stopped: fall back to the file.
            }
        }
        return H2Database.open(embeddedUrl(), USER, password);
    }

    /** The TCP URL of the process serving this home's database, if one is alive. */
    public Optional<String> servedUrl() {
        Path file = serverFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = read(file);
        String url = p.getProperty("url");
        long pid;
        try {
            pid = Long.parseLong(p.getProperty("pid", "-1"));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        return alive && url != null ? Optional.of(url) : Optional.empty();
    }

    void writeServerFile(String url) {
        Properties p = new Properties();
        p.setProperty("url", url);
        p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        try {
            writeOwnerOnly(serverFile(), p, "the process serving this database over TCP");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + serverFile(), e);
        }
    }

    void removeServerFile() {
        try {
            Path file = serverFile();
            if (Files.isRegularFile(file) && Long.toString(ProcessHandle.current().pid())
                    .equals(read(file).getProperty("pid"))) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // A stale note is ignored by readers (its process is gone).
        }
    }

    private static Properties read(Path file) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return p;
    }

    /** Writes the file readable by its owner only, atomically. */
    private static void writeOwnerOnly(Path file, Properties p, String comment) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        }
        try (var out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(out, comment);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
