package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The database side of {@code ./workbench gc}: removes the rows of trashed runs and sweeps (the runs'
 * metrics, artifacts, parameters, summaries, tags and notes go with them), and says which runs have
 * files that may go. Files are the caller's: it deletes them after the rows, so a crash in between
 * leaves only orphan files, which the next collection finds ({@link #runIds()}).
 */
public final class H2TrashCollector {
    private final H2Database database;

    public H2TrashCollector(H2Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** What one collection removed from the database. */
    public record Purged(List<String> runs, List<String> sweeps) {
    }

    /** Deletes every trashed run and sweep, in one transaction. */
    public Purged purge() {
        return database.inTransaction("empty the trash", connection -> {
            List<String> runs = H2RunCuration.list(connection, "SELECT id FROM trial WHERE trashed_at IS NOT NULL ORDER BY id_seq");
            List<String> sweeps = H2RunCuration.list(connection, "SELECT id FROM sweep WHERE trashed_at IS NOT NULL ORDER BY id_seq");
            for (String run : runs) {
                execute(connection, "UPDATE worker SET trial_id = NULL WHERE trial_id = ?", run);
                execute(connection, "DELETE FROM tag WHERE entity_id = ?", run);
                execute(connection, "DELETE FROM trial WHERE id = ?", run);
            }
            for (String sweep : sweeps) {
                // Trials of the sweep that were restored alone are not in the trash; they go with their sweep.
                for (String trial : H2RunCuration.list(connection, "SELECT id FROM trial WHERE sweep_id = ?", sweep)) {
                    execute(connection, "DELETE FROM tag WHERE entity_id = ?", trial);
                    execute(connection, "UPDATE worker SET trial_id = NULL WHERE trial_id = ?", trial);
                    execute(connection, "DELETE FROM trial WHERE id = ?", trial);
                    runs = new ArrayList<>(runs);
                    runs.add(trial);
                }
                execute(connection, "DELETE FROM worker WHERE sweep_id = ?", sweep);
                execute(connection, "DELETE FROM sweep_job WHERE sweep_id = ?", sweep);
                execute(connection, "DELETE FROM tag WHERE entity_id = ?", sweep);
                execute(connection, "DELETE FROM sweep WHERE id = ?", sweep);
            }
            return new Purged(List.copyOf(runs), sweeps);
        });
    }

    /** The ids of every run in the database (in the trash or not). */
    public Set<String> runIds() {
        return database.inTransaction("list run ids", connection ->
                Collections.unmodifiableSet(new HashSet<>(H2RunCuration.list(connection, "SELECT id FROM trial"))));
    }

    /** The ids of the runs that have ended (completed, pruned, failed, cancelled): their checkpoints are never read again. */
    public Set<String> finishedRunIds() {
        return database.inTransaction("list finished runs", connection -> Collections.unmodifiableSet(new HashSet<>(
                H2RunCuration.list(connection, "SELECT id FROM trial WHERE state IN ('completed', 'pruned', 'failed', 'cancelled')"))));
    }

    private static void execute(Connection connection, String sql, String id) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            p.setString(1, id);
            p.executeUpdate();
        }
    }
}
