package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cnnworkbench.engine.analysis.OverfittingSummary;
import org.cnnworkbench.engine.store.ExperimentSummary;
import org.cnnworkbench.engine.store.RunPage;
import org.cnnworkbench.engine.store.RunQueries;
import org.cnnworkbench.engine.store.RunQuery;
import org.cnnworkbench.engine.store.RunRow;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.RunSummary;

/**
 * Runs tables on H2: filters, ordering and paging are done by the database (one count and one page
 * query, then the page's latest metrics and tags), so a table of tens of thousands of runs costs
 * about as much as one of a hundred.
 */
public final class H2RunQueries implements RunQueries {
    /** Every run with its overfitting summary (absent before its first epoch). */
    static final String FROM = RunReader.FROM_TRIAL + " LEFT JOIN run_summary rs ON rs.trial_id = t.id";

    /** The conditions of a query with no other condition than the trash's. */
    private static final String TRASH_ONLY = " WHERE t.trashed_at IS NULL";
    private static final String IN_TRASH_ONLY = " WHERE t.trashed_at IS NOT NULL";

    /** A condition on the experiment's or the summary's columns. */
    private static final java.util.regex.Pattern JOINED = java.util.regex.Pattern.compile("\\b(e|rs)\\.");

    private final H2Database database;

    public H2RunQueries(H2Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public RunPage query(RunQuery q) {
        Objects.requireNonNull(q, "query");
        long now = System.currentTimeMillis();
        return database.inTransaction("query runs", connection -> {
            if (q.filter() != null && FilterSets.worthIt(q.filter().root()) || !isBlank(q.search())) {
                return bySets(connection, q, now);
            }
            Sql where = where(q, now, true);
            long total;
            try (PreparedStatement count = where.prepare(connection, "SELECT COUNT(*)" + from(where.text) + where.text)) {
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            return page(connection, q, now, where, total);
        });
    }

    /**
     * The FROM clause for a condition: the runs alone unless it reads the experiment's or the summary's columns.
     * The joins add no rows (every run has one experiment and at most one summary), so a count without them is the
     * same, and with no filter it reads an index (ix_trial_trashed).
     */
    static String from(String condition) {
        return JOINED.matcher(condition).find() ? FROM : " FROM trial t";
    }

    /**
     * A query whose filter compares metrics or parameters, or with a text search: the filter's runs as a set
     * ({@link FilterSets}), the search's candidates from the {@code run_search} fragments as another (V11), the
     * query's other conditions as a third, the count their intersection's size. Newest or oldest first, the page is
     * read off the (created_at, id_seq) index; in another order, the page query takes the filter's SQL.
     */
    private RunPage bySets(Connection connection, RunQuery q, long now) throws SQLException {
        FilterSets sets = new FilterSets(connection, now);
        BitSet selected = q.filter() != null && FilterSets.worthIt(q.filter().root()) ? sets.matching(q.filter().root()) : null;
        if (!isBlank(q.search())) {
            BitSet found = sets.ids(FilterSql.Frag.of("SELECT s.trial_id FROM run_search s WHERE s.fragment LIKE ? ESCAPE '\\'",
                    RunSearch.pattern(words(q.search()))));
            if (selected == null) {
                selected = found;
            } else {
                selected.and(found);
            }
        }
        Sql rest = where(q, now, false);
        if (rest.text.equals(TRASH_ONLY) || rest.text.equals(IN_TRASH_ONLY)) {
            // Only the trash's condition: the trashed runs from their index, taken out or kept.
            BitSet trashed = sets.ids(FilterSql.Frag.of("SELECT t.id_seq FROM trial t WHERE t.trashed_at >= ?", Long.MIN_VALUE));
            if (rest.text.equals(TRASH_ONLY)) {
                selected.andNot(trashed);
            } else {
                selected.and(trashed);
            }
        } else {
            selected.and(sets.ids(new FilterSql.Frag("SELECT t.id_seq" + from(rest.text) + rest.text, rest.args)));
        }
        long total = selected.cardinality();
        boolean byCreation = q.order().isEmpty() ? q.sort().equals("created_at")
                : q.order().size() == 1 && q.order().get(0).field().kind() == org.cnnworkbench.engine.query.Field.Kind.COLUMN
                && q.order().get(0).field().name().equals("created");
        if (!byCreation) {
            return page(connection, q, now, where(q, now, true), total);
        }
        boolean newestFirst = q.order().isEmpty() ? q.descending() : q.order().get(0).descending();
        List<Long> ids = new ArrayList<>(q.limit());
        if (total > q.offset()) {
            // Runs in creation order, a stretch at a time (each twice the last), until the page is full: a common
            // filter fills it from the first stretch, a rare one reads on to the end.
            String direction = newestFirst ? " DESC" : " ASC";
            long needed = (long) q.offset() + q.limit();
            long read = 0;
            long stretch = Math.max(256, 2 * needed);
            int skipped = 0;
            boolean more = true;
            try (PreparedStatement select = connection.prepareStatement("SELECT t.id_seq FROM trial t ORDER BY t.created_at" + direction
                    + ", t.id_seq" + direction + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                while (more && ids.size() < q.limit()) {
                    select.setLong(1, read);
                    select.setLong(2, stretch);
                    int got = 0;
                    try (ResultSet rs = select.executeQuery()) {
                        while (ids.size() < q.limit() && rs.next()) {
                            got++;
                            long id = rs.getLong(1);
                            if (selected.get(Math.toIntExact(id)) && skipped++ >= q.offset()) {
                                ids.add(id);
                            }
                        }
                    }
                    more = got == stretch;
                    read += stretch;
                    stretch *= 2;
                }
            }
        }
        Sql page = new Sql();
        page.args.addAll(ids);
        List<RunRow> rows = ids.isEmpty() ? List.of() : rows(connection, "SELECT " + RunReader.SUMMARY_COLUMNS + ", " + RunSummaries.COLUMNS + FROM
                + " WHERE t.id_seq IN (" + placeholders(ids.size()) + ")", page, now);
        Map<String, RunRow> byId = new java.util.HashMap<>();
        rows.forEach(r -> byId.put(r.summary().id(), r));
        return new RunPage(total, q.offset(), ids.stream().map(id -> byId.get(EntityId.RUN_PREFIX + id)).toList());
    }

    /** The page of a query whose count is known: its rows in its order, with their latest metrics, tags and analytics. */
    private RunPage page(Connection connection, RunQuery q, long now, Sql where, long total) throws SQLException {
        Sql page = new Sql();
        String orderJoin = "";
        String orderExpr;
        FilterSql.Frag order = null;
        if (!q.order().isEmpty()) {
            order = new FilterSql(now).order(q.order());
            orderExpr = null;
        } else if (RunQuery.isColumn(q.sort())) {
            orderExpr = column(q.sort());
        } else {
            orderJoin = " LEFT JOIN latest_metric o ON o.trial_id = t.id AND o.metric_key = ?";
            page.args.add(q.sort());
            // Non-finite values sort after finite ones either way.
            orderExpr = "CASE WHEN o.value_type = 0 THEN o.metric_value END";
        }
        page.args.addAll(where.args);
        String orderBy;
        if (order != null) {
            orderBy = order.sql();
            page.args.addAll(order.args());
        } else {
            orderBy = orderExpr + (q.descending() ? " DESC" : " ASC") + " NULLS LAST, t.id_seq " + (q.descending() ? "DESC" : "ASC");
        }
        page.args.add(q.offset());
        page.args.add(q.limit());
        String sql = "SELECT " + RunReader.SUMMARY_COLUMNS + ", " + RunSummaries.COLUMNS + FROM + orderJoin + where.text
                + " ORDER BY " + orderBy + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        return new RunPage(total, q.offset(), rows(connection, sql, page, now));
    }

    /** The runs {@code sql} selects with {@link RunReader#SUMMARY_COLUMNS} and {@link RunSummaries#COLUMNS}, as table rows. */
    private static List<RunRow> rows(Connection connection, String sql, Sql args, long now) throws SQLException {
        List<RunSummary> runs = new ArrayList<>();
        Map<String, OverfittingSummary> overfitting = new LinkedHashMap<>();
        try (PreparedStatement select = args.prepare(connection, sql); ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                RunSummary run = RunReader.summary(rs, now);
                runs.add(run);
                overfitting.put(run.id(), RunSummaries.from(rs));
            }
        }
        Map<String, Map<String, Double>> latest = latest(connection, runs);
        Map<String, Map<String, String>> tags = tags(connection, runs);
        List<RunRow> rows = new ArrayList<>(runs.size());
        for (RunSummary r : runs) {
            rows.add(new RunRow(r, latest.getOrDefault(r.id(), Map.of()), tags.getOrDefault(r.id(), Map.of()),
                    overfitting.get(r.id())));
        }
        return rows;
    }

    @Override
    public Map<String, Map<String, Object>> values(List<String> runIds, List<org.cnnworkbench.engine.query.Field> fields) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (runIds.isEmpty() || fields.isEmpty()) {
            return out;
        }
        long now = System.currentTimeMillis();
        FilterSql compiler = new FilterSql(now);
        List<Object> parts = new ArrayList<>();
        parts.add("SELECT t.id");
        for (org.cnnworkbench.engine.query.Field f : fields) {
            parts.add(", ");
            parts.add(compiler.value(f, false));
        }
        parts.add(FROM + " WHERE t.id IN (" + placeholders(runIds.size()) + ")");
        FilterSql.Frag select = FilterSql.Frag.join(parts.toArray());
        Sql sql = new Sql();
        sql.args.addAll(select.args());
        sql.args.addAll(runIds);
        return database.inTransaction("read run values", connection -> {
            try (PreparedStatement p = sql.prepare(connection, select.sql()); ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 0; i < fields.size(); i++) {
                        Object v = rs.getObject(i + 2);
                        if (v instanceof Number n) {
                            v = n.doubleValue();
                        } else if (v != null && fields.get(i).type() == org.cnnworkbench.engine.query.Field.Type.PARAM) {
                            Double d = org.cnnworkbench.engine.query.RunFilter.number(v.toString());
                            v = d != null ? d : v.toString();
                        } else if (v != null) {
                            v = v.toString();
                        }
                        values.put(fields.get(i).text(), v);
                    }
                    out.put(rs.getString(1), values);
                }
            }
            return out;
        });
    }

    @Override
    public java.util.Optional<OverfittingSummary> overfitting(String runId) {
        return database.inTransaction("read the overfitting summary of " + runId, connection -> RunSummaries.read(connection, runId));
    }

    @Override
    public Map<String, OverfittingSummary> sweepOverfitting(String sweepId) {
        return database.inTransaction("read the overfitting summaries of sweep " + sweepId, connection -> {
            Map<String, OverfittingSummary> out = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT t.id, " + RunSummaries.COLUMNS
                    + " FROM trial t JOIN run_summary rs ON rs.trial_id = t.id WHERE t.sweep_id = ? AND t.trashed_at IS NULL")) {
                select.setString(1, sweepId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), RunSummaries.from(rs));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<ExperimentSummary> experiments() {
        return database.inTransaction("list experiments", connection -> {
            // One pass over the runs, grouped by experiment, sweep and status (a few rows per sweep), added up here:
            // joining each run to its experiment's name cost a lookup per run.
            Map<Long, String> names = new java.util.HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, name FROM experiment");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getLong(1), rs.getString(2));
                }
            }
            final class Totals {
                int runs;
                final java.util.Set<String> sweeps = new java.util.HashSet<>();
                final Map<RunStatus, Integer> counts = new EnumMap<>(RunStatus.class);
                Double best;
                long lastActivity;
            }
            Map<String, Totals> byName = new java.util.HashMap<>();
            // A run whose process died (running, its lease expired) counts as interrupted, as every reader shows it.
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT t.experiment_id, t.sweep_id, CASE WHEN " + RunReader.INTERRUPTED + " THEN '" + RunStatus.INTERRUPTED.label()
                    + "' ELSE t.state END AS status, COUNT(*), MAX(t.best_val_accuracy), MAX(GREATEST(t.created_at,"
                    + " COALESCE(t.started_at, 0), COALESCE(t.ended_at, 0), COALESCE(t.heartbeat_at, 0)))"
                    + " FROM trial t WHERE t.trashed_at IS NULL GROUP BY t.experiment_id, t.sweep_id, status")) {
                select.setLong(1, System.currentTimeMillis());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Totals e = byName.computeIfAbsent(names.get(rs.getLong(1)), k -> new Totals());
                        int n = rs.getInt(4);
                        e.runs += n;
                        if (rs.getString(2) != null) {
                            e.sweeps.add(rs.getString(2));
                        }
                        e.counts.merge(RunStatus.fromLabel(rs.getString(3)), n, Integer::sum);
                        Double best = rs.getObject(5, Double.class);
                        if (best != null && (e.best == null || Double.compare(best, e.best) > 0)) {
                            e.best = best;
                        }
                        e.lastActivity = Math.max(e.lastActivity, rs.getLong(6));
                    }
                }
            }
            List<ExperimentSummary> out = new ArrayList<>();
            byName.forEach((name, e) -> out.add(new ExperimentSummary(name, e.runs, e.sweeps.size(), e.counts, e.best, e.lastActivity)));
            out.sort(java.util.Comparator.comparingLong(ExperimentSummary::lastActivity).reversed().thenComparing(ExperimentSummary::name));
            return out;
        });
    }

    /** The runs' and sweeps' tables' modification counters as H2 keeps them: a read of its catalogue, not of rows. */
    private static final String PROBE = "SELECT COALESCE(SUM(LAST_MODIFICATION), 0) FROM INFORMATION_SCHEMA.TABLES"
            + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME IN ('TRIAL', 'SWEEP')";

    private long lastProbe = Long.MIN_VALUE;
    private int quietProbes;
    private long lastStamp;

    /**
     * The stamp is a sum over every run (a scan: about 200 ms at 100,000 runs), so it is computed only when H2's
     * modification counters of the runs' and sweeps' tables moved since the last call, and once more on the call
     * after (a write seen before its commit is read then); otherwise the last stamp stands. The dashboard asks
     * every second, and a quiet store costs a read of the catalogue.
     */
    @Override
    public synchronized long changeStamp() {
        return database.inTransaction("read the change stamp", connection -> {
            long probe;
            try (PreparedStatement select = connection.prepareStatement(PROBE); ResultSet rs = select.executeQuery()) {
                rs.next();
                probe = rs.getLong(1);
            }
            if (probe != lastProbe) {
                lastProbe = probe;
                quietProbes = 0;
            } else if (quietProbes < 2) {
                quietProbes++;
            }
            if (quietProbes <= 1) {
                lastStamp = stamp(connection);
            }
            return lastStamp;
        });
    }

    private static long stamp(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT COALESCE((SELECT SUM(GREATEST(created_at, COALESCE(started_at, 0), COALESCE(ended_at, 0)) % 1000003
                                        + attempt + CASE state WHEN 'queued' THEN 1 WHEN 'running' THEN 2 ELSE 3 END
                                        + 7 * epochs)
                                 FROM trial), 0)
                     + COALESCE((SELECT SUM(GREATEST(created_at, COALESCE(started_at, 0), COALESCE(ended_at, 0)) % 1000003)
                                 FROM sweep), 0)""");
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String column(String key) {
        return switch (key) {
            case "id" -> "t.id_seq";
            case "experiment" -> "e.name";
            case "status" -> "t.state";
            case "epochs" -> "t.epochs";
            case "best_val_accuracy" -> "t.best_val_accuracy";
            case "test_accuracy" -> "t.test_accuracy";
            case "created_at" -> "t.created_at";
            case "duration_seconds" -> "((COALESCE(t.ended_at, t.heartbeat_at, t.started_at) - t.started_at) / 1000.0)";
            case "best_epoch", "gap_loss_best", "gap_loss_last", "gap_accuracy_best", "gap_accuracy_last", "onset_epoch",
                 "early_stop_epoch" -> "rs." + key;
            default -> throw new IllegalArgumentException("not a column: " + key);
        };
    }

    /** The WHERE clause (with its arguments) of a query's filters. */
    /**
     * @param inSql whether the filter and the text search's candidates are SQL conditions too (else {@link #bySets}
     *              reads them as sets, and this is the rest: a filter that compares no metric or parameter stays)
     */
    private static Sql where(RunQuery q, long now, boolean inSql) {
        Sql sql = new Sql();
        StringBuilder w = new StringBuilder(q.trash() ? IN_TRASH_ONLY : TRASH_ONLY);
        if (!q.statuses().isEmpty()) {
            // Stored states as they are, but a run shown interrupted is not running and the other way round.
            List<String> any = new ArrayList<>();
            List<String> stored = q.statuses().stream().filter(s -> s != RunStatus.INTERRUPTED)
                    .map(RunStatus::label).sorted().toList();
            if (!stored.isEmpty()) {
                any.add("t.state IN (" + String.join(", ", java.util.Collections.nCopies(stored.size(), "?")) + ")"
                        + (stored.contains(RunStatus.RUNNING.label()) ? " AND NOT " + RunReader.INTERRUPTED : ""));
                sql.args.addAll(stored);
                if (stored.contains(RunStatus.RUNNING.label())) {
                    sql.args.add(now);
                }
            }
            if (q.statuses().contains(RunStatus.INTERRUPTED)) {
                any.add(RunReader.INTERRUPTED);
                sql.args.add(now);
            }
            w.append(" AND ((").append(String.join(") OR (", any)).append("))");
        }
        if (q.experiment() != null && !q.experiment().isBlank()) {
            w.append(" AND e.name = ?");
            sql.args.add(q.experiment());
        }
        if (q.sweepId() != null && !q.sweepId().isBlank()) {
            w.append(" AND t.sweep_id = ?");
            sql.args.add(q.sweepId());
        }
        if (q.tag() != null && !q.tag().isBlank()) {
            int eq = q.tag().indexOf('=');
            if (eq < 0) {
                w.append(" AND EXISTS (SELECT 1 FROM tag g WHERE g.entity_id = t.id AND g.tag_key = ?)");
                sql.args.add(q.tag());
            } else {
                w.append(" AND EXISTS (SELECT 1 FROM tag g WHERE g.entity_id = t.id AND g.tag_key = ? AND g.tag_value = ?)");
                sql.args.add(q.tag().substring(0, eq));
                sql.args.add(q.tag().substring(eq + 1));
            }
        }
        if (!isBlank(q.search())) {
            // Candidates from the run_search fragments (a range scan of its key, V11); words longer than a
            // fragment are checked against the texts themselves.
            String words = words(q.search());
            if (inSql) {
                w.append(" AND t.id IN (SELECT s.trial_id FROM run_search s WHERE s.fragment LIKE ? ESCAPE '\\')");
                sql.args.add(RunSearch.pattern(words));
            }
            if (words.length() > RunSearch.FRAGMENT_LENGTH) {
                String like = "%" + RunSearch.escape(words) + "%";
                w.append(" AND (LOWER(t.id) LIKE ? ESCAPE '\\' OR LOWER(e.name) LIKE ? ESCAPE '\\'"
                        + " OR LOWER(COALESCE(t.sweep_id, '')) LIKE ? ESCAPE '\\'"
                        + " OR EXISTS (SELECT 1 FROM tag g WHERE g.entity_id = t.id AND (LOWER(g.tag_key) LIKE ? ESCAPE '\\'"
                        + " OR LOWER(COALESCE(g.tag_value, '')) LIKE ? ESCAPE '\\')))");
                for (int i = 0; i < 5; i++) {
                    sql.args.add(like);
                }
            }
        }
        for (RunQuery.Range r : q.ranges()) {
            if (RunQuery.isColumn(r.key())) {
                String c = column(r.key());
                if (r.min() != null) {
                    w.append(" AND ").append(c).append(" >= ?");
                    sql.args.add(r.min());
                }
                if (r.max() != null) {
                    w.append(" AND ").append(c).append(" <= ?");
                    sql.args.add(r.max());
                }
            } else {
                w.append(" AND EXISTS (SELECT 1 FROM latest_metric m WHERE m.trial_id = t.id AND m.metric_key = ?"
                        + " AND m.value_type = 0");
                sql.args.add(r.key());
                if (r.min() != null) {
                    w.append(" AND m.metric_value >= ?");
                    sql.args.add(r.min());
                }
                if (r.max() != null) {
                    w.append(" AND m.metric_value <= ?");
                    sql.args.add(r.max());
                }
                w.append(')');
            }
        }
        if (q.filter() != null && (inSql || !FilterSets.worthIt(q.filter().root()))) {
            FilterSql.Frag filter = new FilterSql(now).condition(q.filter().root());
            w.append(" AND ").append(filter.sql());
            sql.args.addAll(filter.args());
        }
        sql.text = w.toString();
        return sql;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** A text search's words as they are matched: trimmed, in lower case. */
    private static String words(String search) {
        return search.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static Map<String, Map<String, Double>> latest(Connection connection, List<RunSummary> runs) throws SQLException {
        return byRun(connection, runs, "SELECT trial_id, metric_key, metric_value, value_type FROM latest_metric WHERE trial_id", "",
                rs -> MetricValueType.fromCode(rs.getShort(4)).decode(rs.getDouble(3)));
    }

    private static Map<String, Map<String, String>> tags(Connection connection, List<RunSummary> runs) throws SQLException {
        return byRun(connection, runs, "SELECT entity_id, tag_key, tag_value FROM tag WHERE entity_id", " ORDER BY tag_key",
                rs -> rs.getString(3) == null ? "" : rs.getString(3));
    }

    /**
     * Values of the given runs by run id, then key: {@code select} ends with the run id column, whose
     * {@code IN (...)} list of the runs' ids follows, then {@code orderBy}; each row holds the run id
     * and the key in columns 1 and 2, and {@code value} reads its value.
     */
    private static <V> Map<String, Map<String, V>> byRun(Connection connection, List<RunSummary> runs, String select,
                                                         String orderBy, RowValue<V> value) throws SQLException {
        Map<String, Map<String, V>> out = new LinkedHashMap<>();
        if (runs.isEmpty()) {
            return out;
        }
        Sql sql = new Sql();
        runs.forEach(r -> sql.args.add(r.id()));
        try (PreparedStatement statement = sql.prepare(connection, select + " IN (" + placeholders(runs.size()) + ")" + orderBy);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), value.read(rs));
            }
        }
        return out;
    }

    /** The value a row holds. */
    @FunctionalInterface
    private interface RowValue<V> {
        V read(ResultSet rs) throws SQLException;
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** Binds {@code args} to the statement's parameters in order (Integer, Double, Long or String). */
    static void bind(PreparedStatement p, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Integer n) {
                p.setInt(i + 1, n);
            } else if (a instanceof Double d) {
                p.setDouble(i + 1, d);
            } else if (a instanceof Long n) {
                p.setLong(i + 1, n);
            } else {
                p.setString(i + 1, (String) a);
            }
        }
    }

    /** SQL text with its positional arguments. */
    private static final class Sql {
        private String text = "";
        private final List<Object> args = new ArrayList<>();

        PreparedStatement prepare(Connection connection, String statement) throws SQLException {
            PreparedStatement p = connection.prepareStatement(statement);
            bind(p, args);
            return p;
        }
    }
}
