package org.cnnworkbench.db;

import java.sql.SQLException;

/** Recognises a unique or primary key violation anywhere in an {@link SQLException}'s chain. */
final class DuplicateKey {

    private static final String INTEGRITY_DUPLICATE = "23505";

    private DuplicateKey() {
    }

    static boolean is(SQLException exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (INTEGRITY_DUPLICATE.equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
