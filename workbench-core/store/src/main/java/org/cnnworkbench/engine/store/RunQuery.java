package org.cnnworkbench.engine.store;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.cnnworkbench.engine.query.RunFilter;
import org.cnnworkbench.engine.query.RunOrder;

/**
 * What a runs table asks for: filters, an order and one page. Every filter is optional (null or
 * empty means "any").
 *
 * @param statuses   runs in any of these states
 * @param experiment runs of this experiment (exact name)
 * @param sweepId    trials of this sweep
 * @param tag        runs with this tag key, or {@code key=value}
 * @param search     case-insensitive text found in the run id, experiment name, sweep id or a tag
 * @param ranges     each a column or metric that must lie within [min, max] (either bound may be null)
 * @param sort       a column of {@link #COLUMNS} (the run's own, and its overfitting analytics), or a metric key
 *                   (its latest value), e.g. {@code val_loss}
 * @param descending order
 * @param offset     rows to skip
 * @param limit      rows to return, 1 to {@value #MAX_LIMIT}
 * @param filter     an expression of the query language the runs must match, or null
 * @param order      the order in the query language; when not empty it replaces {@code sort} and {@code descending}
 * @param trash      list the runs in the trash instead of the others
 */
public record RunQuery(Set<RunStatus> statuses, String experiment, String sweepId, String tag, String search,
                       List<Range> ranges, String sort, boolean descending, int offset, int limit,
                       RunFilter filter, List<RunOrder.Key> order, boolean trash) {
    /** Sortable, range-filterable columns of every run; any other key is a metric. */
    public static final Set<String> COLUMNS = Set.of("id", "experiment", "status", "epochs", "best_val_accuracy",
            "test_accuracy", "created_at", "duration_seconds", "best_epoch", "gap_loss_best", "gap_loss_last",
            "gap_accuracy_best", "gap_accuracy_last", "onset_epoch", "early_stop_epoch");
    public static final int MAX_LIMIT = 1000;

    /** A bound on a column or a metric's latest value. */
    public record Range(String key, Double min, Double max) {
        public Range {
            requireKey(key);
            if (min != null && max != null && min > max) {
                throw new IllegalArgumentException("range of " + key + ": min " + min + " is above max " + max);
            }
        }
    }

    /** A query without a filter expression or an order of the query language. */
    public RunQuery(Set<RunStatus> statuses, String experiment, String sweepId, String tag, String search,
                    List<Range> ranges, String sort, boolean descending, int offset, int limit) {
        this(statuses, experiment, sweepId, tag, search, ranges, sort, descending, offset, limit, null, List.of(), false);
    }

    public RunQuery {
        order = order == null ? List.of() : List.copyOf(order);
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        ranges = ranges == null ? List.of() : List.copyOf(ranges);
        sort = sort == null || sort.isBlank() ? "created_at" : sort;
        requireKey(sort);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, found " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", found " + limit);
        }
    }

    /** Newest first, no filter. */
    public static RunQuery newest(int limit) {
        return new RunQuery(Set.of(), null, null, null, null, List.of(), "created_at", true, 0, limit);
    }

    /** This query with a filter expression and an order (either may be null). */
    public RunQuery with(RunFilter filter, List<RunOrder.Key> order) {
        return new RunQuery(statuses, experiment, sweepId, tag, search, ranges, sort, descending, offset, limit, filter, order, trash);
    }

    /** This query over the trash ({@code true}) or over the runs outside it. */
    public RunQuery inTrash(boolean inTrash) {
        return new RunQuery(statuses, experiment, sweepId, tag, search, ranges, sort, descending, offset, limit, filter, order, inTrash);
    }

    /** This query at another page. */
    public RunQuery page(int newOffset, int newLimit) {
        return new RunQuery(statuses, experiment, sweepId, tag, search, ranges, sort, descending, newOffset, newLimit, filter, order, trash);
    }

    /** Whether {@code key} names a column (else a metric). */
    public static boolean isColumn(String key) {
        return COLUMNS.contains(key);
    }

    private static void requireKey(String key) {
        Objects.requireNonNull(key, "key");
        if (!key.matches("[A-Za-z0-9_.:-]{1,128}")) {
            throw new IllegalArgumentException("'" + key + "' is not a column or metric key (letters, digits, _ . : -)");
        }
    }
}
