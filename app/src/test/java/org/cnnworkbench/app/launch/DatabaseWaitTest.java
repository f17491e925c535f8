package org.cnnworkbench.app.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cnnworkbench.engine.store.TransientFailures;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2SweepStore;
import org.cnnworkbench.db.StoreException;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DatabaseWait} and {@link WaitingSweepStore} on a real H2 TCP server that is stopped and started again on the
 * same port: calls wait for it (one line when it went, one when it is back), give up after the bound, and a real error
 * (bad SQL, a violated key) fails at once.
 */
class DatabaseWaitTest {
    @TempDir
    Path dir;

    private Server server;
    private final List<String> said = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private String start(int port) throws Exception {
        server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists", "-baseDir", dir.toString())
                .start();
        return "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/db";
    }

    @Test
    void aCallWaitsForTheServerToComeBackOnTheSamePort() throws Exception {
        String url = start(0);
        int port = server.getPort();
        try (H2Database db = H2Database.open(url, "sa", "")) {
            WaitingSweepStore sweeps = new WaitingSweepStore(new H2SweepStore(db), new DatabaseWait(Duration.ofSeconds(60), said::add));
            assertThat(sweeps.listSweeps(5)).isEmpty();
            server.stop();
            Thread restart = new Thread(() -> {
                try {
                    Thread.sleep(2_000);
                    start(port);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            restart.start();
            long t0 = System.nanoTime();
            assertThat(sweeps.findSweep("s1")).isEmpty();
            restart.join();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(1_500));
            assertThat(said).hasSize(2);
            assertThat(said.get(0)).startsWith("The database is unreachable (could not read sweep s1: ")
                    .endsWith("waiting up to 60 s for it to come back (--db-wait-seconds).");
            assertThat(said.get(1)).startsWith("The database is reachable again (after ");
            assertThat(sweeps.databaseWait().sinceRecovery()).isNotNull();
        }
    }

    @Test
    void afterTheBoundTheFailureIsThrownAsItWas() throws Exception {
        String url = start(0);
        try (H2Database db = H2Database.open(url, "sa", "")) {
            WaitingSweepStore sweeps = new WaitingSweepStore(new H2SweepStore(db), new DatabaseWait(Duration.ofSeconds(1), said::add));
            server.stop();
            server = null;
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> sweeps.findSweep("s1")).isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("could not read sweep s1").satisfies(e -> assertThat(TransientFailures.isTransient(e)).isTrue());
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(10));
            assertThat(said).hasSize(2);
            assertThat(said.get(1)).startsWith("The database is still unreachable after ").endsWith("; giving up.");
        }
    }

    @Test
    void realErrorsFailAtOnce() throws Exception {
        String url = start(0);
        try (H2Database db = H2Database.open(url, "sa", "")) {
            DatabaseWait wait = new DatabaseWait(Duration.ofSeconds(60), said::add);
            db.inTransaction("create a table", c -> c.createStatement().execute("CREATE TABLE t(id INT PRIMARY KEY)"));
            db.inTransaction("insert a row", c -> c.createStatement().execute("INSERT INTO t VALUES (1)"));
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> wait.call("insert a row again",
                    () -> db.inTransaction("insert a row again", c -> c.createStatement().execute("INSERT INTO t VALUES (1)"))))
                    .isInstanceOf(StoreException.class).hasMessageContaining("Unique index or primary key violation");
            assertThatThrownBy(() -> wait.call("run bad SQL",
                    () -> db.inTransaction("run bad SQL", c -> c.createStatement().execute("SELEC 1"))))
                    .isInstanceOf(StoreException.class).hasMessageContaining("Syntax error");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            assertThat(said).isEmpty();
            assertThat(TransientFailures.isTransient(new IllegalStateException("no sweep"))).isFalse();
        }
    }
}
