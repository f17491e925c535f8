package org.cnnworkbench.web;

import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cnnworkbench.engine.store.RunQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live updates over a WebSocket ({@code /api/live}): one thread reads the store's change stamp every
 * second and, when it moved, sends {@code {"stamp": N}} to every open page, which then reloads what
 * it shows. A WebSocket rather than server-sent events because browsers allow only six HTTP/1.1
 * connections per host, which six open tabs (or pages kept in the back-forward cache) would hold
 * for good; WebSockets do not count against that limit. A quiet store costs one small query a
 * second whatever the number of pages.
 */
final class LiveEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);
    static final long PERIOD_MILLIS = 1000;

    private final RunQueries queries;
    private final Queue<WsContext> clients = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dashboard-live-events");
        t.setDaemon(true);
        return t;
    });
    private volatile long stamp = Long.MIN_VALUE;

    LiveEvents(RunQueries queries) {
        this.queries = queries;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::tick, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The WebSocket endpoint: a page that connects gets the current stamp at once, then every change. */
    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            ctx.enableAutomaticPings();
            clients.add(ctx);
            send(ctx, stamp);
        });
        ws.onClose(ctx -> clients.remove(ctx));
        ws.onError(ctx -> clients.remove(ctx));
    }

    private void tick() {
        try {
            long now = queries.changeStamp();
            if (now != stamp) {
                stamp = now;
                clients.forEach(c -> send(c, now));
            }
        } catch (RuntimeException e) {
            LOG.debug("live events: {}", e.getMessage());
        }
    }

    private void send(WsContext client, long value) {
        try {
            if (client.session.isOpen()) {
                client.send(Map.of("stamp", value));
            } else {
                clients.remove(client);
            }
        } catch (RuntimeException e) {
            clients.remove(client);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        clients.forEach(c -> {
            try {
                c.closeSession();
            } catch (RuntimeException ignored) {
                // already gone
            }
        });
        clients.clear();
    }
}
