package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done on a connection inside one transaction, see
 * {@link H2Database#inTransaction(String, SqlWork)}. The work must not commit, roll back or close
 * the connection; throwing rolls the whole transaction back.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface SqlWork<T> {

    /** Does the work; the caller commits when it returns. */
    T run(Connection connection) throws SQLException;
}
