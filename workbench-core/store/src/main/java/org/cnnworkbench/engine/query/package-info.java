/**
 * The runs query language: {@link org.cnnworkbench.engine.query.RunFilter} parses a filter expression
 * ({@code metrics.accuracy > 0.9 and params.model = 'cnn'}) and {@link org.cnnworkbench.engine.query.RunOrder}
 * an order ({@code max.val_accuracy desc, created}) into syntax trees of allow-listed
 * {@link org.cnnworkbench.engine.query.Field}s and literal values; a bad expression is a
 * {@link org.cnnworkbench.engine.query.QueryException} with its column. Turning the trees into SQL is the
 * {@code db} module's work, with every value bound. Pure Java in the {@code workbench-store} module: it may use
 * only the JDK and {@code org.cnnworkbench.engine.store}'s values ({@code RunStatus}).
 */
package org.cnnworkbench.engine.query;
