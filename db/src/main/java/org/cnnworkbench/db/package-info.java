/**
 * The workbench's storage on H2: the schema as Flyway migrations
 * ({@code db/migration/V{n}__what.sql} on the class path) and the implementations of the
 * storage interfaces declared in the {@code workbench-store} module ({@code org.cnnworkbench.engine.store}).
 * It may use that module, the plugin API's value types, H2 and Flyway; never DL4J or ND4J.
 *
 * <p>{@link org.cnnworkbench.db.H2Database} opens a database (an embedded file under the
 * workbench home, or an H2 TCP server), brings its schema up to date and hands out connections;
 * {@link org.cnnworkbench.db.H2RunStore} stores runs and their epochs on it (and controls running ones:
 * heartbeats of runs outside sweeps, cancel); {@link org.cnnworkbench.db.H2SweepStore} is a façade over
 * the sweep store's parts (claims, leases, lifecycle, reads, worker registry). Rules the schema
 * holds: times are UTC milliseconds; parameters and configuration are written once; metrics are
 * appended once per (run, key, epoch) and every epoch is one transaction; run and sweep ids share
 * one sequence ({@code r12}, {@code s13}) so an id names one entity. {@link org.cnnworkbench.db.H2BulkImport}
 * writes many finished runs per transaction with the same rows (for benchmarks and imports);
 * {@code RunSearch} keeps the {@code run_search} fragments the runs table's text search reads.
 */
package org.cnnworkbench.db;
