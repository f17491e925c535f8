package org.cnnworkbench.web;

import io.javalin.http.sse.SseClient;
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
 * Live updates: one thread reads the store's change stamp every second and, when it moved, sends a
 * {@code change} event to every open page, which then reloads what it shows. Pages never poll the
 * API themselves; a quiet store costs one small query a second whatever the number of pages.
 */
final class LiveEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);
    static final long PERIOD_MILLIS = 1000;

    private final RunQueries queries;
    private final Queue<SseClient> clients = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dashboard-live-events");
        t.setDaemon(true);
        return t;
    });
    private volatile long stamp = Long.MIN_VALUE;
    private int ticks;

    LiveEvents(RunQueries queries) {
        this.queries = queries;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::tick, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A page subscribes: it gets the current stamp at once, then every change. */
    void join(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.sendEvent("change", Map.of("stamp", stamp));
    }

    private void tick() {
        try {
            long now = queries.changeStamp();
            boolean changed = now != stamp;
            stamp = now;
            if (++ticks % 15 == 0 && !changed) {
                // A comment every 15 s keeps proxies from closing idle connections.
                clients.forEach(c -> send(c, null));
            }
            if (changed) {
                clients.forEach(c -> send(c, Map.of("stamp", now)));
            }
        } catch (RuntimeException e) {
            LOG.debug("live events: {}", e.getMessage());
        }
    }

    private void send(SseClient client, Map<String, Object> data) {
        try {
            if (client.terminated()) {
                clients.remove(client);
            } else if (data == null) {
                client.sendComment("alive");
            } else {
                client.sendEvent("change", data);
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
                c.close();
            } catch (RuntimeException ignored) {
                // already gone
            }
        });
        clients.clear();
    }
}
