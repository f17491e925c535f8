/**
 * Schema migrations written in Java (Flyway finds them by this package name, beside the SQL ones under
 * {@code db/migration} on the class path): those that compute rows with the same code as the live
 * store, such as V5's backfill of run summaries. May use JDBC and the {@code workbench-store} analyses.
 */
package db.migration;
