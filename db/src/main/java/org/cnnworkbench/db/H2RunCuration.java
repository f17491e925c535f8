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

    /** The table of an id: runs are r<n>, sweeps s<n>; null for anything else. */
    private static String table(String id) {
        if (id.matches("r\\d{1,18}")) {
            return "trial";
        }
        return id.matches("s\\d{1,18}") ? "sweep" : null;
    }
}
