package org.cnnworkbench.db;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.tools.Server;

/**
 * A real H2 TCP server for tests (what {@code db serve} runs), serving the files under one folder as
 * {@code jdbc:h2:tcp://127.0.0.1:PORT/db}, that can be stopped and started again on the same port.
 */
final class TcpServer implements AutoCloseable {
    private final Path baseDir;
    private final int port;
    private final List<Thread> restarts = new CopyOnWriteArrayList<>();
    private volatile Server server;

    /** Starts a server on a free port. */
    TcpServer(Path baseDir) throws SQLException {
        this.baseDir = baseDir;
        this.server = create(0);
        this.port = server.getPort();
    }

    private Server create(int onPort) throws SQLException {
        return Server.createTcpServer("-tcpPort", Integer.toString(onPort), "-ifNotExists", "-baseDir", baseDir.toString())
                .start();
    }

    String url() {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/db";
    }

    /** Stops the server: its connections break, new ones are refused. */
    void stop() {
        Server running = server;
        if (running != null) {
            running.stop();
        }
        server = null;
    }

    /** Starts it again on the same port. */
    void start() throws SQLException {
        server = create(port);
    }

    /** Stops the server now and starts it again on the same port after {@code millis}, on another thread. */
    Thread restartAfter(long millis) {
        stop();
        Thread restart = new Thread(() -> {
            try {
                Thread.sleep(millis);
                start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        restarts.add(restart);
        restart.start();
        return restart;
    }

    /** The restarts begun so far. */
    List<Thread> restarts() {
        return restarts;
    }

    /** Waits for the restarts begun so far, then stops the server. */
    @Override
    public void close() throws InterruptedException {
        for (Thread restart : restarts) {
            restart.join();
        }
        stop();
    }
}
