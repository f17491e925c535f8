package org.cnnworkbench.db;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.h2.tools.Server;

/**
 * Serves an open database over H2's TCP server, so that worker processes (and other commands)
 * can use it while this process holds the embedded file. Binds to the loopback interface unless
 * {@code allowOthers}; serves only existing databases ({@code -ifExists}) under the home's
 * {@code db} folder; connections need the home's generated credentials.
 */
public final class DatabaseServer implements AutoCloseable {
    private final Server server;
    private final HomeDatabase home;
    private final String url;

    private DatabaseServer(Server server, HomeDatabase home, String url) {
        this.server = server;
        this.home = home;
        this.url = url;
    }

    /**
     * Starts serving the home's database (which this process must already have open, so the file
     * stays locked to it) and leaves a note in the home so that other commands find the server.
     *
     * @param port        TCP port, 0 for any free one
     * @param allowOthers whether other hosts may connect (the default is loopback only)
     */
    public static DatabaseServer serve(HomeDatabase home, int port, boolean allowOthers) {
        return serve(home, port, allowOthers, null);
    }

    /**
     * As {@link #serve(HomeDatabase, int, boolean)}; {@code host} is the name clients use in the URL
     * ({@code null}: this machine's name when {@code allowOthers}, else 127.0.0.1).
     */
    public static DatabaseServer serve(HomeDatabase home, int port, boolean allowOthers, String host) {
        Objects.requireNonNull(home, "home");
        List<String> args = new ArrayList<>(List.of("-tcpPort", Integer.toString(port), "-ifExists",
                "-baseDir", home.dir().toString()));
        if (allowOthers) {
            args.add("-tcpAllowOthers");
        }
        Server server;
        try {
            server = Server.createTcpServer(args.toArray(String[]::new)).start();
        } catch (SQLException e) {
            throw new StoreException("could not start the database server on port " + port + ": " + e.getMessage(), e);
        }
        String name = !allowOthers ? "127.0.0.1" : host != null ? host : hostName();
        String url = "jdbc:h2:tcp://" + name + ":" + server.getPort() + "/workbench";
        home.writeServerFile(url);
        return new DatabaseServer(server, home, url);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getCanonicalHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /** The JDBC URL clients connect to. */
    public String url() {
        return url;
    }

    public int port() {
        return server.getPort();
    }

    /** Stops serving; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        home.removeServerFile();
        server.stop();
    }

    private boolean closed;
}
