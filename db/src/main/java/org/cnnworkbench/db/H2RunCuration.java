package org.cnnworkbench.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cnnworkbench.engine.store.RunCuration;

/** Notes of runs ({@code trial.note}) and sweeps ({@code sweep.note}) on H2. */
public final class H2RunCuration implements RunCuration {
    private final H2Database database;

    public H2RunCuration(H2Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public boolean setNote(String id, String note) {
        Objects.requireNonNull(id, "id");
        String text = note == null || note.isBlank() ? null : note.strip();
        if (text != null && text.length() > MAX_NOTE) {
            throw new IllegalArgumentException("a note has at most " + MAX_NOTE + " characters, this one " + text.length());
        }
        String table = table(id);
        if (table == null) {
            return false;
        }
        return database.inTransaction("set the note of " + id, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET note = ? WHERE id = ?")) {
                update.setString(1, text);
                update.setString(2, id);
                return update.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Map<String, String> notes(Collection<String> ids) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> runs = ids.stream().filter(i -> "trial".equals(table(i))).distinct().toList();
        List<String> sweeps = ids.stream().filter(i -> "sweep".equals(table(i))).distinct().toList();
        if (runs.isEmpty() && sweeps.isEmpty()) {
            return out;
        }
        return database.inTransaction("read notes", connection -> {
            for (var entry : List.of(Map.entry("trial", runs), Map.entry("sweep", sweeps))) {
                List<String> batch = new ArrayList<>(entry.getValue());
                for (int from = 0; from < batch.size(); from += 500) {
                    List<String> part = batch.subList(from, Math.min(batch.size(), from + 500));
                    try (PreparedStatement select = connection.prepareStatement("SELECT id, note FROM " + entry.getKey()
                            + " WHERE note IS NOT NULL AND id IN (" + String.join(", ", java.util.Collections.nCopies(part.size(), "?")) + ")")) {
                        for (int i = 0; i < part.size(); i++) {
                            select.setString(i + 1, part.get(i));
                        }
                        try (ResultSet rs = select.executeQuery()) {
                            while (rs.next()) {
                                out.put(rs.getString(1), rs.getString(2));
                            }
                        }
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<String> trash(Collection<String> ids) {
        List<String> wanted = ids.stream().distinct().toList();
        for (String id : wanted) {
            if (table(id) == null) {
                throw new IllegalArgumentException("'" + id + "' is not a run id (r12) or a sweep id (s3)");
            }
        }
        long now = System.currentTimeMillis();
        return database.inTransaction("move " + wanted.size() + " runs or sweeps to the trash", connection -> {
            List<String> moved = new ArrayList<>();
            for (String id : wanted) {
                if (table(id).equals("sweep")) {
                    String state = one(connection, "SELECT state FROM sweep WHERE id = ? FOR UPDATE", id);
                    if (state == null) {
                        throw new IllegalArgumentException("no sweep " + id);
                    }
                    if (state.equals("queued") || state.equals("running")) {
                        throw new IllegalStateException("sweep " + id + " is " + state + "; cancel it first (./workbench cancel " + id + ")");
                    }
                    String busy = one(connection, "SELECT id FROM trial WHERE sweep_id = ? AND state IN ('queued', 'running')"
                            + " FETCH FIRST 1 ROWS ONLY", id);
                    if (busy != null) {
                        throw new IllegalStateException("sweep " + id + " still has trial " + busy + " queued or running");
                    }
                    update(connection, "UPDATE sweep SET trashed_at = COALESCE(trashed_at, ?) WHERE id = ?", now, id);
                    moved.addAll(list(connection, "SELECT id FROM trial WHERE sweep_id = ? ORDER BY id_seq", id));
                    update(connection, "UPDATE trial SET trashed_at = COALESCE(trashed_at, ?) WHERE sweep_id = ?", now, id);
                } else {
                    String state = one(connection, "SELECT state FROM trial WHERE id = ? FOR UPDATE", id);
                    if (state == null) {
                        throw new IllegalArgumentException("no run " + id);
                    }
                    if (state.equals("queued") || state.equals("running")) {
                        throw new IllegalStateException("run " + id + " is " + state + "; cancel it first (./workbench cancel " + id + ")");
                    }
                    String sweepState = one(connection, "SELECT s.state FROM trial t JOIN sweep s ON s.id = t.sweep_id WHERE t.id = ?", id);
                    if ("queued".equals(sweepState) || "running".equals(sweepState)) {
                        throw new IllegalStateException("run " + id + " is a trial of a " + sweepState + " sweep; wait for the sweep to end");
                    }
                    update(connection, "UPDATE trial SET trashed_at = COALESCE(trashed_at, ?) WHERE id = ?", now, id);
                    moved.add(id);
                }
            }
            return moved;
        });
    }

    @Override
    public List<String> restore(String id) {
        String table = table(id);
        if (table == null) {
            throw new IllegalArgumentException("'" + id + "' is not a run id (r12) or a sweep id (s3)");
        }
        return database.inTransaction("restore " + id + " from the trash", connection -> {
            if (table.equals("sweep")) {
                if (one(connection, "SELECT id FROM sweep WHERE id = ?", id) == null) {
                    throw new IllegalArgumentException("no sweep " + id);
                }
                List<String> back = list(connection, "SELECT id FROM trial WHERE sweep_id = ? AND trashed_at IS NOT NULL ORDER BY id_seq", id);
                update(connection, "UPDATE sweep SET trashed_at = NULL WHERE id = ?", null, id);
                update(connection, "UPDATE trial SET trashed_at = NULL WHERE sweep_id = ?", null, id);
                return back;
            }
            String trashed = one(connection, "SELECT CASE WHEN trashed_at IS NULL THEN 'no' ELSE 'yes' END FROM trial WHERE id = ?", id);
            if (trashed == null) {
                throw new IllegalArgumentException("no run " + id);
            }
            String sweep = one(connection, "SELECT s.id FROM trial t JOIN sweep s ON s.id = t.sweep_id WHERE t.id = ? AND s.trashed_at IS NOT NULL", id);
            if (sweep != null) {
                throw new IllegalStateException("run " + id + " is a trial of sweep " + sweep + ", which is in the trash: restore " + sweep);
            }
            update(connection, "UPDATE trial SET trashed_at = NULL WHERE id = ?", null, id);
            return trashed.equals("yes") ? List.of(id) : List.of();
        });
    }

    private static String one(java.sql.Connection connection, String sql, String arg) throws java.sql.SQLException {
        List<String> all = list(connection, sql, arg);
        return all.isEmpty() ? null : all.get(0);
    }

    static List<String> list(java.sql.Connection connection, String sql, String... args) throws java.sql.SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                select.setString(i + 1, args[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }

    private static void update(java.sql.Connection connection, String sql, Long time, String id) throws java.sql.SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            int i = 1;
            if (time != null) {
                update.setLong(i++, time);
            }
            update.setString(i, id);
            update.executeUpdate();
        }
    }

    /** The table of an id: runs are r<n>, sweeps s<n>; null for anything else. */
    private static String table(String id) {
        if (id.matches("r\\d{1,18}")) {
            return "trial";
        }
        return id.matches("s\\d{1,18}") ? "sweep" : null;
    }
}
