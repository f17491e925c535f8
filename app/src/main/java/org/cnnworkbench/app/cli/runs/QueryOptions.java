package org.cnnworkbench.app.cli.runs;

import java.util.List;
import org.cnnworkbench.app.home.Workbench;
import org.cnnworkbench.db.H2RunQueries;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.query.QueryException;
import org.cnnworkbench.engine.query.RunFilter;
import org.cnnworkbench.engine.query.RunOrder;
import org.cnnworkbench.engine.store.RunQuery;
import org.cnnworkbench.engine.store.RunRow;
import org.cnnworkbench.engine.store.RunSummary;
import picocli.CommandLine.Option;

/**
 * The query language's options of the commands that select runs: {@code --filter EXPR} and
 * {@code --order-by "max.val_accuracy desc, created"} ({@code @Mixin QueryOptions query;}). A malformed
 * expression is a usage error (exit 2) with the column and a caret under it.
 */
public final class QueryOptions {
    @Option(names = "--filter", paramLabel = "EXPR",
            description = "Only runs matching EXPR, e.g. \"max.val_accuracy > 0.8 and params.training.optimizer in ('adam', 'sgd')\"")
    String filter;

    @Option(names = "--order-by", paramLabel = "FIELDS",
            description = "Order by these fields, e.g. \"max.val_accuracy desc, created\" (default: newest first)")
    String orderBy;

    @Option(names = "--trash", description = "The runs in the trash instead of the others (./workbench restore ID brings one back)")
    boolean trash;

    /** Whether a filter, an order or the trash was asked for. */
    public boolean given() {
        return filter != null || orderBy != null || trash;
    }

    /** The parsed filter, or null; a usage error naming the column when malformed. */
    public RunFilter filter() {
        if (filter == null) {
            return null;
        }
        try {
            return RunFilter.parse(filter);
        } catch (QueryException e) {
            throw usage("--filter", e);
        }
    }

    /** The parsed order, empty when none was given. */
    public List<RunOrder.Key> order() {
        if (orderBy == null) {
            return List.of();
        }
        try {
            return RunOrder.parse(orderBy);
        } catch (QueryException e) {
            throw usage("--order-by", e);
        }
    }

    /** Checks both expressions (before the home is opened). */
    public void check() {
        filter();
        order();
    }

    /** {@code base} with this filter and order. */
    public RunQuery apply(RunQuery base) {
        return base.with(filter(), order()).inTrash(trash);
    }

    /** Up to {@code limit} runs matching the filter, in the order asked (newest first by default). */
    public List<RunSummary> runs(Workbench workbench, int limit) {
        return new H2RunQueries(workbench.database()).query(apply(RunQuery.newest(Math.min(Math.max(1, limit), RunQuery.MAX_LIMIT))))
                .rows().stream().map(RunRow::summary).toList();
    }

    /** The ids of every run {@code query} matches, in its order, read a page at a time. */
    static List<String> allIds(Workbench workbench, RunQuery query) {
        H2RunQueries queries = new H2RunQueries(workbench.database());
        List<String> ids = new java.util.ArrayList<>();
        for (int offset = 0; ; offset += RunQuery.MAX_LIMIT) {
            List<RunRow> rows = queries.query(query.page(offset, RunQuery.MAX_LIMIT)).rows();
            rows.forEach(r -> ids.add(r.summary().id()));
            if (rows.size() < RunQuery.MAX_LIMIT) {
                return ids;
            }
        }
    }

    /** A usage error (exit 2) for a malformed expression of {@code option}: the problem, its column and a caret line. */
    static WorkbenchException usage(String option, QueryException e) {
        return new WorkbenchException(ErrorCode.INVALID_ARGUMENT, option + ": " + e.problem() + " (column " + e.column() + ")\n"
                + e.caret().lines().map(l -> "  " + l).reduce((a, b) -> a + "\n" + b).orElse(""));
    }
}
