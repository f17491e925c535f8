package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 5: the overfitting summary of every run recorded before version 4 (runs recorded
 * since get theirs with each epoch). Computed in Java, by the same code as the live summaries.
 */
public class V5__backfill_run_summary extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        List<String> runs = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT t.id FROM trial t WHERE t.epochs > 0
                AND NOT EXISTS (SELECT 1 FROM run_summary rs WHERE rs.trial_id = t.id)""");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                runs.add(rs.getString(1));
            }
        }
        long now = System.currentTimeMillis();
        for (String id : runs) {
            org.cnnworkbench.db.RunSummaryBackfill.refresh(connection, id, now);
        }
    }
}
