package org.cnnworkbench.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * An open H2 database with the workbench schema: an embedded file under the workbench home
 * ({@link #embeddedUrl(Path)}) or a database served by H2's TCP server
 * ({@code jdbc:h2:tcp://host:port/path}).
 *
 * <p>{@link #open} connects, applies the pending Flyway migrations from {@code db/migration} and
 * keeps a small connection pool; {@link #inTransaction} runs work in one transaction on a pooled
 * connection. Safe for use from several threads. An embedded file opens in one process only; a
 * second process gets a {@link DatabaseInUseException}. Example:
 *
 * <pre>{@code
 * try (H2Database db = H2Database.open(H2Database.embeddedUrl(home), "sa", "")) {
 *     RunStore runs = new H2RunStore(db);
 *     ...
 * }
 * }</pre>
 */
public final class H2Database implements AutoCloseable {

    /** Where Flyway finds the migrations, on the class path. */
    public static final String MIGRATIONS = "classpath:db/migration";

    /**
     * The newest schema version shipped, the highest {@code V<n>__} migration under {@link #MIGRATIONS}
     * (a test keeps the two in step). A database at this version with no failed migration is opened
     * without starting Flyway, which costs most of a second of every command's start-up.
     */
    static final int SCHEMA_VERSION = 14;

    /**
     * How many versioned migrations are shipped (versions need not be contiguous: branches take numbers
     * apart). A test keeps it in step with the class path.
     */
    static final int SHIPPED_MIGRATIONS = 14;

    private static final String H2_PREFIX = "jdbc:h2:";
    private static final int MAX_CONNECTIONS = 16;

    private final String url;
    private final JdbcConnectionPool pool;
    private final String user;
    private final String password;
    /**
     * Connections kept in manual-commit mode for {@link #inTransaction}: over H2's TCP protocol,
     * switching auto-commit off and on and the pool's rollback on every checkout are a network round
     * trip each, three per transaction.
     */
    private final java.util.concurrent.ConcurrentLinkedDeque<Idle> transactional =
            new java.util.concurrent.ConcurrentLinkedDeque<>();

    /**
     * A kept connection that has been idle this long is checked ({@link Connection#isValid}, one round
     * trip) before it is handed out again: a TCP connection to a {@code db serve} that was restarted
     * meanwhile is dead, and is replaced instead of failing the next transaction. Connections reused
     * sooner (a worker's back-to-back transactions) are not checked.
     */
    static final long VALIDATE_AFTER_IDLE_MILLIS = 250;
    private static final int VALIDATE_TIMEOUT_SECONDS = 5;

    /** A kept connection and when it was given back. */
    private record Idle(Connection connection, long since) {
    }
    private volatile boolean closed;

    private H2Database(String url, JdbcConnectionPool pool, String user, String password) {
        this.url = url;
        this.pool = pool;
        this.user = user;
        this.password = password;
    }

    /**
     * The JDBC URL of the embedded database of a workbench home: the file
     * {@code HOME/db/workbench.mv.db}, with an absolute path. {@code WRITE_DELAY=0} writes each
     * commit to the file as it happens (H2's default delays it by up to 0.5 s), so an epoch
     * committed before a {@code kill -9} is never lost. {@code DB_CLOSE_ON_EXIT=FALSE}: the workbench
     * closes the database itself, so that on Ctrl-C it stays open (and served) until the workers
     * have put their trials back in the queue.
     */
    public static String embeddedUrl(Path home) {
        Objects.requireNonNull(home, "home");
        Path base = home.toAbsolutePath().normalize().resolve("db").resolve("workbench");
        return H2_PREFIX + "file:" + base + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64";
    }

    /**
     * Opens the database at {@code jdbcUrl} (an embedded file is created if missing) and migrates
     * its schema to the newest version.
     *
     * @throws IllegalArgumentException if the URL is not an H2 URL
     * @throws DatabaseInUseException   if another process has the embedded file open
     * @throws StoreException           if the database cannot be opened or migrated
     */
    public static H2Database open(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith(H2_PREFIX)) {
            throw new IllegalArgumentException("the workbench stores its data in H2: the database URL must start with '"
                    + H2_PREFIX + "', found '" + jdbcUrl + "'");
        }
        JdbcConnectionPool pool = JdbcConnectionPool.create(jdbcUrl, user == null ? "" : user,
                password == null ? "" : password);
        pool.setMaxConnections(MAX_CONNECTIONS);
        try {
            checkConnects(jdbcUrl, pool);
            migrate(jdbcUrl, pool);
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
        return new H2Database(jdbcUrl, pool, user == null ? "" : user, password == null ? "" : password);
    }

    private static void checkConnects(String url, JdbcConnectionPool pool) {
        try (Connection ignored = pool.getConnection()) {
            // Opening the first connection opens (and locks) an embedded file.
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw LockedDatabase.exception(url, e);
            }
            throw new StoreException("could not open the database " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the database's Flyway history shows the {@link #SHIPPED_MIGRATIONS} versions up to {@link #SCHEMA_VERSION} applied, all
     * successfully. False for a new database, one behind or ahead of this build, or one with a failed
     * migration: those go through Flyway, which migrates them or says what is wrong.
     */
    static boolean schemaCurrent(JdbcConnectionPool pool) {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*), MAX(CAST(\"version\" AS INT)),"
                     + " SUM(CASE WHEN \"success\" THEN 0 ELSE 1 END) FROM \"flyway_schema_history\""
                     + " WHERE \"version\" IS NOT NULL")) {
            return rs.next() && rs.getInt(1) == SHIPPED_MIGRATIONS && rs.getInt(2) == SCHEMA_VERSION && rs.getInt(3) == 0;
        } catch (SQLException e) {
            return false;   // no history table yet, or versions that are not whole numbers
        }
    }

    private static void migrate(String url, JdbcConnectionPool pool) {
        if (schemaCurrent(pool)) {
            return;
        }
        try {
            Flyway.configure(H2Database.class.getClassLoader())
                    .dataSource(pool)
                    .locations(MIGRATIONS)
                    // Through SLF4J, so the application's one logging binding decides what is shown.
                    .loggers("slf4j")
                    .failOnMissingLocations(true)
                    // Migrations are numbered as they are written, on parallel branches, so one may ship
                    // after a higher number already ran on a user's database (V7 after V10): each only adds
                    // tables, columns or rows, so a late lower number is applied rather than refused.
                    .outOfOrder(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("could not bring the schema of the database " + url
                    + " up to date: " + e.getMessage(), e);
        }
    }

    /** The JDBC URL this database was opened with. */
    public String url() {
        return url;
    }

    /**
     * A pooled connection in auto-commit mode; closing it returns it to the pool. Prefer
     * {@link #inTransaction}.
     *
     * @throws IllegalStateException if the database is closed
     */
    public Connection connection() {
        if (closed) {
            throw new IllegalStateException("the database " + url + " is closed");
        }
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw new StoreException("could not get a connection to the database " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in one transaction: commits when it returns, rolls back when it throws.
     * Runtime exceptions of the work pass through unchanged; an {@link SQLException} becomes a
     * {@link StoreException} saying "could not {@code action}".
     *
     * @param action what the work does, for error messages, e.g. {@code "record epoch 3 of run r1"}
     */
    public <T> T inTransaction(String action, SqlWork<T> work) {
        Connection connection;
        try {
            connection = takeTransactional();
        } catch (SQLException e) {
            throw new StoreException("could not " + action + ": " + e.getMessage(), e);
        }
        boolean reusable = false;
        try {
            T result = work.run(connection);
            connection.commit();
            reusable = true;
            return result;
        } catch (SQLException e) {
            reusable = rollback(connection, e);
            throw new StoreException("could not " + action + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            reusable = rollback(connection, e);
            throw e;
        } finally {
            giveBack(connection, reusable);
        }
    }

    private Connection takeTransactional() throws SQLException {
        if (closed) {
            throw new IllegalStateException("the database " + url + " is closed");
        }
        for (Idle idle = transactional.pollFirst(); idle != null; idle = transactional.pollFirst()) {
            if (System.nanoTime() - idle.since() < VALIDATE_AFTER_IDLE_MILLIS * 1_000_000L || valid(idle.connection())) {
                return idle.connection();
            }
            closeQuietly(idle.connection());
        }
        Connection connection = java.sql.DriverManager.getConnection(url, user, password);
        connection.setAutoCommit(false);
        return connection;
    }

    private static boolean valid(Connection connection) {
        try {
            return connection.isValid(VALIDATE_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private void giveBack(Connection connection, boolean reusable) {
        if (reusable && !closed && transactional.size() < MAX_CONNECTIONS) {
            Idle idle = new Idle(connection, System.nanoTime());
            transactional.offerFirst(idle);
            if (!closed) {
                return;
            }
            transactional.remove(idle);
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Broken or already closed: nothing to give back.
        }
    }

    /** Rolls back; false when the connection is broken (and must not be reused). */
    private static boolean rollback(Connection connection, Throwable failure) {
        try {
            connection.rollback();
            return true;
        } catch (SQLException e) {
            failure.addSuppressed(e);
            return false;
        }
    }


    /**
     * Closes the pool's connections; an embedded database file is closed (and unlocked) once the
     * last connection handed out has been closed too. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        for (Idle idle = transactional.pollFirst(); idle != null; idle = transactional.pollFirst()) {
            closeQuietly(idle.connection());
        }
        pool.dispose();
    }
}
