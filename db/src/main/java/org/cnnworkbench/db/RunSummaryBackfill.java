package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.SQLException;

/** The entry point of the V5 migration (in package db.migration) into this package's summary code. */
public final class RunSummaryBackfill {
    private RunSummaryBackfill() {
    }

    /** Computes and stores one run's overfitting summary. */
    public static void refresh(Connection connection, String runId, long now) throws SQLException {
        RunSummaries.refresh(connection, runId, now);
    }
}
