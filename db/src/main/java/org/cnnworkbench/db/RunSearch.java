package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code run_search} rows of a run (schema V11): every lower-cased suffix, cut to
 * {@link #FRAGMENT_LENGTH} characters, of the texts the runs table's text search looks in (the run's
 * id, experiment name, sweep id, tag keys and tag values). Words of at most {@link #FRAGMENT_LENGTH}
 * characters are in one of those texts exactly when a fragment starts with them, so a search is a
 * range scan of the table's primary key instead of a scan of every run.
 */
final class RunSearch {
    static final int FRAGMENT_LENGTH = 32;

    private RunSearch() {
    }

    /** Rewrites the run's rows from its current id, experiment, sweep and tags, inside the caller's transaction. */
    static void refresh(Connection connection, String runId) throws SQLException {
        Set<String> texts = new LinkedHashSet<>();
        texts.add(runId);
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT e.name, t.sweep_id FROM trial t JOIN experiment e ON e.id = t.experiment_id WHERE t.id = ?")) {
            select.setString(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                texts.add(rs.getString(1));
                texts.add(rs.getString(2));
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT tag_key, tag_value FROM tag WHERE entity_id = ?")) {
            select.setString(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    texts.add(rs.getString(1));
                    texts.add(rs.getString(2));
                }
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM run_search WHERE trial_id = ?")) {
            delete.setString(1, runId);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            add(insert, runId, texts);
            insert.executeBatch();
        }
    }

    static final String INSERT = "INSERT INTO run_search (fragment, trial_id) VALUES (?, ?)";

    /** Adds the run's fragments of {@code texts} (nulls and empty texts skipped) to a batch of {@link #INSERT}. */
    static void add(PreparedStatement insert, String runId, Collection<String> texts) throws SQLException {
        for (String fragment : fragments(texts)) {
            insert.setString(1, fragment);
            insert.setString(2, runId);
            insert.addBatch();
        }
    }

    /** The distinct fragments of the texts. */
    static Set<String> fragments(Collection<String> texts) {
        Set<String> out = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null || text.isEmpty()) {
                continue;
            }
            String lower = text.toLowerCase(Locale.ROOT);
            for (int i = 0; i < lower.length(); i++) {
                out.add(lower.substring(i, Math.min(lower.length(), i + FRAGMENT_LENGTH)));
            }
        }
        return out;
    }

    /** The LIKE pattern (escape character {@code \}) of the fragments that may hold the searched words, lower-cased. */
    static String pattern(String lowerWords) {
        String head = lowerWords.length() > FRAGMENT_LENGTH ? lowerWords.substring(0, FRAGMENT_LENGTH) : lowerWords;
        return escape(head) + "%";
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
