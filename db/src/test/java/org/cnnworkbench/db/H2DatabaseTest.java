package org.cnnworkbench.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cnnworkbench.engine.store.NewRun;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2DatabaseTest {

    @TempDir
    Path home;

    private H2Database open() {
        return H2Database.open(H2Database.embeddedUrl(home), "sa", "");
    }

    @Test
    void embeddedUrlPointsAtDbWorkbenchUnderTheAbsoluteHome() {
        assertThat(H2Database.embeddedUrl(home)).isEqualTo("jdbc:h2:file:" + home.toAbsolutePath() + "/db/workbench;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64");
        assertThat(H2Database.embeddedUrl(Path.of("rel/../.workbench")))
                .isEqualTo("jdbc:h2:file:" + Path.of(".workbench").toAbsolutePath().normalize() + "/db/workbench;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64");
    }

    @Test
    void openingAnEmptyHomeCreatesTheFileAndAppliesEveryMigration() throws SQLException {
        try (H2Database db = open(); Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            assertThat(home.resolve("db/workbench.mv.db")).exists();
            try (ResultSet rs = statement.executeQuery(
                    "SELECT \"version\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL")) {
                List<String> versions = new java.util.ArrayList<>();
                while (rs.next()) {
                    versions.add(rs.getString(1));
                    assertThat(rs.getBoolean(2)).isTrue();
                }
                assertThat(versions).containsExactlyInAnyOrderElementsOf(migrationVersions()).contains("1", "2", "3");
            }
            assertThat(names(statement, "SELECT LOWER(table_name) FROM information_schema.tables"
                    + " WHERE table_schema = 'PUBLIC' AND table_name <> 'flyway_schema_history'"))
                    .contains("experiment", "sweep", "trial", "trial_param", "epoch_metric",
                            "latest_metric", "metric_extreme", "artifact", "worker", "tag", "sweep_job", "run_summary");
            assertThat(names(statement, "SELECT LOWER(sequence_name) FROM information_schema.sequences"))
                    .contains("entity_id_seq");
            assertThat(names(statement, "SELECT LOWER(index_name) FROM information_schema.indexes"))
                    .contains("ix_trial_newest", "ix_trial_sweep_state");
        }
    }

    @Test
    void reopeningAClosedDatabaseKeepsItsDataAndMigratesNothingTwice() throws SQLException {
        String runId;
        try (H2Database db = open()) {
            runId = new H2RunStore(db).startRun(new NewRun("mnist", "{}", null, 7, null, null));
            new H2RunStore(db).recordEpoch(runId, 1, Map.of("loss", 0.5));
        }
        try (H2Database db = open(); Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            H2RunStore store = new H2RunStore(db);
            assertThat(store.findRun(runId)).hasValueSatisfying(run -> assertThat(run.seed()).isEqualTo(7));
            assertThat(store.epochs(runId)).hasSize(1);
            try (ResultSet rs = statement.executeQuery(
                    "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(migrationVersions().size());
            }
        }
    }

    @Test
    void aSecondProcessOpeningTheSameHomeIsToldWhichFileIsLockedAndWhy() throws Exception {
        // Within one JVM H2 shares an open file between connections, so the second opener must be
        // another process, as a second `workbench` command would be.
        try (H2Database ignored = open()) {
            Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LockProbe.class.getName(),
                    H2Database.embeddedUrl(home))
                    .redirectErrorStream(true)
                    .start();
            assertThat(probe.waitFor(120, TimeUnit.SECONDS)).as("the probe process ends").isTrue();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(probe.exitValue()).as(output).isZero();
            String file = home.toAbsolutePath().resolve("db/workbench.mv.db").toString();
            assertThat(output)
                    .contains("The workbench database file " + file + " is locked")
                    .contains("another workbench process is using this home (" + home.toAbsolutePath() + ")")
                    .contains("FILE " + file);
        }
    }

    @Test
    void aHomeIsUsableAgainOnceTheProcessThatHeldItClosedIt() throws Exception {
        open().close();
        // The file is unlocked: another process can open it now.
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockProbe.class.getName(), H2Database.embeddedUrl(home))
                .redirectErrorStream(true)
                .start();
        assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo(3);
    }

    @Test
    void aDatabaseServedOverTcpIsMigratedAndStoresRuns() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Server server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", home.toString(),
                "-ifNotExists").start();
        try (H2Database db = H2Database.open("jdbc:h2:tcp://127.0.0.1:" + port + "/db/workbench", "wb", "secret")) {
            H2RunStore store = new H2RunStore(db);
            String id = store.startRun(new NewRun("remote", "{}", null, 3, null, null));
            store.recordEpoch(id, 1, Map.of("loss", 0.4));
            assertThat(store.epochs(id)).hasSize(1);
        } finally {
            server.stop();
        }
        assertThat(home.resolve("db/workbench.mv.db")).exists();
    }

    @Test
    void keptConnectionsToARestartedServerAreReplacedNotHandedOut() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String[] args = {"-tcpPort", String.valueOf(port), "-baseDir", home.toString(), "-ifNotExists"};
        Server server = Server.createTcpServer(args).start();
        try (H2Database db = H2Database.open("jdbc:h2:tcp://127.0.0.1:" + port + "/db/workbench", "wb", "secret")) {
            H2RunStore store = new H2RunStore(db);
            // Three transactions at once, so that three connections are kept.
            java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(3);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Thread t = new Thread(() -> db.inTransaction("wait for the others", connection -> {
                    inside.countDown();
                    try {
                        inside.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }));
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join(60_000);
            }
            String before = store.startRun(new NewRun("remote", "{}", null, 3, null, null));

            server.stop();
            server = Server.createTcpServer(args).start();
            Thread.sleep(H2Database.VALIDATE_AFTER_IDLE_MILLIS + 100);

            // Every kept connection is dead; none is handed out.
            for (int i = 0; i < 4; i++) {
                store.recordEpoch(before, i + 1, Map.of("loss", 0.4));
            }
            assertThat(store.epochs(before)).hasSize(4);
            assertThat(store.startRun(new NewRun("remote", "{}", null, 3, null, null))).isNotEqualTo(before);
        } finally {
            server.stop();
        }
    }

    @Test
    void aUrlThatIsNotH2IsRefusedNamingIt() {
        assertThatThrownBy(() -> H2Database.open("jdbc:postgresql://localhost/wb", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'jdbc:postgresql://localhost/wb'")
                .hasMessageContaining("must start with 'jdbc:h2:'");
    }

    @Test
    void aWrongPasswordIsAStoreExceptionNamingTheDatabase() {
        open().close();
        assertThatThrownBy(() -> H2Database.open(H2Database.embeddedUrl(home), "sa", "wrong"))
                .isInstanceOf(StoreException.class)
                .isNotInstanceOf(DatabaseInUseException.class)
                .hasMessageContaining("could not open the database " + H2Database.embeddedUrl(home));
    }

    @Test
    void connectionsAreRefusedOnceTheDatabaseIsClosed() {
        H2Database db = open();
        db.close();
        db.close();
        assertThatThrownBy(db::connection)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void workThatThrowsRollsItsTransactionBackAndItsConnectionIsReusedInManualCommit() throws SQLException {
        try (H2Database db = open()) {
            List<Connection> used = new ArrayList<>();
            assertThatThrownBy(() -> db.inTransaction("add a worker", connection -> {
                used.add(connection);
                assertThat(connection.getAutoCommit()).isFalse();
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("INSERT INTO worker (id, host, device, started_at, last_seen_at)"
                            + " VALUES ('w1', 'h', 'cpu', 0, 0)");
                }
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            // The connection inTransaction hands out next is the one the failed work used (kept, as it was
            // rolled back), still in manual-commit mode, and it no longer sees the uncommitted insert.
            int workers = db.inTransaction("count workers", connection -> {
                used.add(connection);
                assertThat(connection.getAutoCommit()).isFalse();
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM worker")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(workers).isZero();
            assertThat(used.get(1)).isSameAs(used.get(0));
            assertThatThrownBy(() -> db.inTransaction("read a missing table", connection -> {
                used.add(connection);
                try (Statement statement = connection.createStatement()) {
                    return statement.executeQuery("SELECT * FROM no_such_table");
                }
            })).isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("could not read a missing table: ")
                    .satisfies(e -> assertThat(((StoreException) e).sqlState()).isEqualTo("42S02"));
            // A committed write by a reused connection is seen by the others (it was not left in an open transaction).
            db.inTransaction("add a worker", connection -> {
                used.add(connection);
                assertThat(connection.getAutoCommit()).isFalse();
                try (Statement statement = connection.createStatement()) {
                    return statement.executeUpdate("INSERT INTO worker (id, host, device, started_at, last_seen_at)"
                            + " VALUES ('w2', 'h', 'cpu', 0, 0)");
                }
            });
            assertThat(used.get(3)).isSameAs(used.get(0));
            try (Connection other = java.sql.DriverManager.getConnection(db.url(), "sa", "");
                 Statement statement = other.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT id FROM worker")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("w2");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void lockedFileOfServerUrlsIsUnknownButEmbeddedUrlsNameTheirFile() {
        assertThat(LockedDatabase.embeddedBase("jdbc:h2:tcp://127.0.0.1:9092/db/workbench")).isNull();
        assertThat(LockedDatabase.embeddedBase("jdbc:h2:file:/h/db/workbench;TRACE_LEVEL_FILE=0"))
                .isEqualTo(Path.of("/h/db/workbench"));
        assertThat(LockedDatabase.embeddedBase("jdbc:h2:/h/db/workbench")).isEqualTo(Path.of("/h/db/workbench"));
    }

    private static List<String> names(Statement statement, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Test
    void theSchemaVersionConstantIsTheNewestShippedMigration() {
        assertThat(H2Database.SCHEMA_VERSION).isEqualTo(migrationVersions().stream().mapToInt(Integer::parseInt).max().orElseThrow());
        assertThat(H2Database.SHIPPED_MIGRATIONS).isEqualTo(migrationVersions().size());
    }

    @Test
    void aCurrentSchemaIsOpenedWithoutFlywayAndAFailedOrUnknownMigrationStillGoesThroughIt() throws SQLException {
        String url = H2Database.embeddedUrl(home);
        org.h2.jdbcx.JdbcConnectionPool pool = org.h2.jdbcx.JdbcConnectionPool.create(url, "sa", "");
        try {
            assertThat(H2Database.schemaCurrent(pool)).as("a new database has no history").isFalse();
            open().close();
            assertThat(H2Database.schemaCurrent(pool)).isTrue();
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '"
                        + H2Database.SCHEMA_VERSION + "'");
            }
            assertThat(H2Database.schemaCurrent(pool)).as("a failed migration").isFalse();
        } finally {
            pool.dispose();
        }
        assertThatThrownBy(this::open).isInstanceOf(StoreException.class)
                .hasMessageContaining("could not bring the schema of the database").hasMessageContaining(url);
    }

    /** The versions of the migrations shipped on the class path (V1__....sql, and Java ones such as V5__....class). */
    private static List<String> migrationVersions() {
        try (var files = java.nio.file.Files.list(Path.of(H2Database.class.getResource("/db/migration").toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__[^$]+\\.(sql|class)"))
                    .map(n -> n.substring(1, n.indexOf("__"))).toList();
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
