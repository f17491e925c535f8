package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.cnnworkbench.db.RunParams;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 9: the {@code run_param} rows of every run recorded before version 8 (runs recorded since
 * get theirs with their configuration), flattened by the same code as the live ones.
 */
public class V9__backfill_run_param extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT t.id, t.config_json FROM trial t WHERE t.config_json IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM run_param p WHERE p.trial_id = t.id)""");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                RunParams.write(connection, rs.getString(1), rs.getString(2));
            }
        }
    }
}
