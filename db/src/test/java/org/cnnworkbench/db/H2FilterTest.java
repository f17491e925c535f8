package org.cnnworkbench.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.engine.analysis.OverfittingAnalysis;
import org.cnnworkbench.engine.analysis.OverfittingSummary;
import org.cnnworkbench.engine.query.Expr;
import org.cnnworkbench.engine.query.Field;
import org.cnnworkbench.engine.query.RunFilter;
import org.cnnworkbench.engine.query.RunOrder;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunPage;
import org.cnnworkbench.engine.store.RunQuery;
import org.cnnworkbench.engine.store.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query language on real H2: examples, hostile strings, and SQL results against an in-memory evaluator. */
class H2FilterTest {
    @TempDir
    Path home;

    private H2Database db;
    private H2RunStore store;
    private H2RunQueries queries;
    private final List<Model> runs = new ArrayList<>();

    @BeforeEach
    void open() {
        db = H2Database.open(H2Database.embeddedUrl(home), "sa", "");
        store = new H2RunStore(db, new StepClock(1_700_000_000_000L, 1000));
        queries = new H2RunQueries(db);
    }

    @AfterEach
    void close() {
        store.close();
        db.close();
    }

    /** What the evaluator knows of a run: the values it was given, not read back through the language. */
    private record Model(String id, long seq, String experiment, String status, String note, int epochs, Double testAccuracy,
                         Map<String, String> params, List<EpochMetrics> epochMetrics, Map<String, String> tags) {
    }

    private List<String> ids(String filter, String order) {
        RunQuery q = RunQuery.newest(RunQuery.MAX_LIMIT).with(filter == null ? null : RunFilter.parse(filter),
                order == null ? List.of() : RunOrder.parse(order));
        return queries.query(q).rows().stream().map(r -> r.summary().id()).toList();
    }

    private Model run(String experiment, String configJson, Map<String, String> params, List<Map<String, Double>> epochs,
                      RunStatus status, Double testAccuracy, String note, Map<String, String> tags) throws SQLException {
        String id = store.startRun(new NewRun(experiment, configJson, "{}", 1, "{}", null));
        List<EpochMetrics> recorded = new ArrayList<>();
        for (int i = 0; i < epochs.size(); i++) {
            store.recordEpoch(id, i + 1, epochs.get(i));
            recorded.add(new EpochMetrics(i + 1, epochs.get(i)));
        }
        if (status.isFinished()) {
            store.finishRun(id, new RunOutcome(status, testAccuracy, null, "{}", null, null));
        }
        update("UPDATE trial SET note = ? WHERE id = ?", note, id);
        for (Map.Entry<String, String> t : tags.entrySet()) {
            update("INSERT INTO tag (entity_id, tag_key, tag_value) VALUES (?, ?, ?)", id, t.getKey(), t.getValue());
        }
        Model m = new Model(id, Long.parseLong(id.substring(1)), experiment, status.label(), note, epochs.size(),
                status.isFinished() ? testAccuracy : null, params, recorded, tags);
        runs.add(m);
        return m;
    }

    private void update(String sql, String... args) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setString(i + 1, args[i]);
            }
            p.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    private static String config(Object optimizer, Object lr, Object dropout) {
        return "{\"name\": \"x\", \"training\": {\"optimizer\": " + json(optimizer) + ", \"learning_rate\": " + json(lr)
                + "}, \"architecture\": {\"type\": \"cnn\", \"params\": {\"dropout\": " + json(dropout) + "}}, \"layers\": [16, 32]}";
    }

    private static String json(Object v) {
        return v == null ? "null" : v instanceof String s ? "\"" + s.replace("\"", "\\\"") + "\"" : v.toString();
    }

    private static Map<String, String> params(Object optimizer, Object lr, Object dropout) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("name", "x");
        p.put("training.optimizer", optimizer == null ? null : optimizer.toString());
        p.put("training.learning_rate", lr == null ? null : lr.toString());
        p.put("architecture.type", "cnn");
        p.put("architecture.params.dropout", dropout == null ? null : dropout.toString());
        p.put("layers[0]", "16");
        p.put("layers[1]", "32");
        return p;
    }

    private Model simple(String experiment, Object optimizer, Object lr, double... valAccuracy) throws SQLException {
        List<Map<String, Double>> epochs = new ArrayList<>();
        for (double v : valAccuracy) {
            epochs.add(Map.of("loss", 1 - v, "val_loss", 1.1 - v, "val_accuracy", v));
        }
        return run(experiment, config(optimizer, lr, 0.25), params(optimizer, lr, 0.25), epochs, RunStatus.COMPLETED, 0.5, null, Map.of());
    }

    @Test
    void parametersCompareAsNumbersWhetherRecordedAsNumbersOrStrings() throws SQLException {
        Model a = simple("e", "sgd", 0.01, 0.5, 0.7, 0.6);
        Model b = simple("e", "adam", "0.01", 0.4);
        Model c = simple("e", "adam", 0.003, 0.9, 0.2);
        Model d = simple("f", "sgd", 1e-1, 0.3);
        assertThat(ids("params.training.learning_rate = 0.01", null)).containsExactly(b.id, a.id);
        assertThat(ids("params.training.learning_rate in (0.01, 0.003)", null)).containsExactly(c.id, b.id, a.id);
        assertThat(ids("params.training.learning_rate = '1e-2'", null)).containsExactly(b.id, a.id);
        assertThat(ids("params.training.learning_rate > 0.005", null)).containsExactly(d.id, b.id, a.id);
        assertThat(ids("metrics.val_accuracy > 0.5 and params.training.optimizer = 'sgd'", null)).containsExactly(a.id);
        assertThat(ids("max.val_accuracy >= 0.7 or experiment = 'f'", null)).containsExactly(d.id, c.id, a.id);
        assertThat(ids("min.val_accuracy < 0.35", null)).containsExactly(d.id, c.id);
        assertThat(ids("params.layers[1] = 32 and params.architecture.params.dropout = 0.25", null)).hasSize(4);
        assertThat(ids("params.training.optimizer ilike 'AD%' and not params.training.learning_rate in (0.003)", null))
                .containsExactly(b.id);
        assertThat(ids(null, "max.val_accuracy desc, created")).containsExactly(c.id, a.id, b.id, d.id);
        assertThat(ids(null, "params.training.learning_rate, id desc")).containsExactly(c.id, b.id, a.id, d.id);
        assertThat(ids("params.missing is null", null)).hasSize(4);
        assertThat(ids("params.missing != 1", null)).isEmpty();
    }

    @Test
    void hostileStringsAreBoundValuesAndChangeNothing() throws SQLException {
        Model a = simple("e", "sgd'; DROP TABLE trial; --", 0.01, 0.5);
        List<String> hostile = List.of(
                "note = 'x''; DROP TABLE trial; --'",
                "experiment = \"e\"\" OR 1=1 --\"",
                "params.`training.optimizer') OR 1=1 --` = 'sgd'",
                "tags.`x' OR '1'='1` is not null",
                "metrics.`loss; DELETE FROM trial` > 0",
                "params.training.optimizer like '%/*%' or note like '%*/ OR 1=1 --'",
                "experiment in ('e'' OR ''1''=''1', ')', '\\')");
        for (String h : hostile) {
            assertThat(ids(h, null)).as(h).isEmpty();
        }
        assertThat(ids("params.training.optimizer = 'sgd''; DROP TABLE trial; --'", null)).containsExactly(a.id);
        assertThat(ids("params.training.optimizer like 'sgd''%'", null)).containsExactly(a.id);
        assertThat(ids(null, "params.`x'); DROP TABLE trial; --` desc")).containsExactly(a.id);
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM trial")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    /** Turns a database back into version 6 (before the query language's tables). */
    static void undoVersions8And9(Statement st) throws SQLException {
        st.execute("DROP TABLE run_param");
        st.execute("DROP TABLE batch_metric");
        for (String table : List.of("trial", "sweep")) {
            st.execute("ALTER TABLE " + table + " DROP COLUMN note");
            st.execute("ALTER TABLE " + table + " DROP COLUMN trashed_at");
        }
        st.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" IN ('8', '9')");
    }

    @Test
    void runsFromBeforeVersion8GetTheirParametersBackfilled() throws SQLException {
        Model a = simple("e", "sgd", 0.01, 0.5);
        Model b = simple("e", "adam", "0.003", 0.5);
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            undoVersions8And9(st);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        store.close();
        db.close();
        db = H2Database.open(H2Database.embeddedUrl(home), "sa", "");
        store = new H2RunStore(db);
        queries = new H2RunQueries(db);
        assertThat(ids("params.training.optimizer = 'sgd'", null)).containsExactly(a.id);
        assertThat(ids("params.training.learning_rate < 0.005 and params.layers[0] = 16", null)).containsExactly(b.id);
    }

    /**
     * A filter that few runs pass, among more runs than the first stretch of the creation order that a page reads:
     * the page reads on, stretch after stretch, and finds the oldest runs, newest first or oldest first.
     */
    @Test
    void aRareFilterFindsItsRunsBeyondTheFirstStretchOfTheCreationOrder() {
        List<H2BulkImport.Run> chunk = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            String optimizer = i == 2 || i == 5 || i == 9 ? "rare" : "adam";
            chunk.add(new H2BulkImport.Run(new NewRun("alpha", config(optimizer, 0.01, 0.5), "{}", i, "{}", null),
                    List.of(Map.of("val_loss", 0.1 * (i % 10))), new RunOutcome(RunStatus.COMPLETED, 0.5, 0.5, "{}", null), Map.of()));
        }
        List<String> ids = new H2BulkImport(db).importRuns(chunk);
        RunQuery rare = RunQuery.newest(2).with(RunFilter.parse("params.training.optimizer = 'rare' and metrics.val_loss >= 0"), List.of());
        RunPage first = queries.query(rare);
        assertThat(first.total()).isEqualTo(3);
        assertThat(first.rows().stream().map(r -> r.summary().id())).containsExactly(ids.get(9), ids.get(5));
        assertThat(queries.query(rare.page(2, 2)).rows().stream().map(r -> r.summary().id())).containsExactly(ids.get(2));
        RunQuery oldest = rare.with(rare.filter(), RunOrder.parse("created asc"));
        assertThat(queries.query(oldest).rows().stream().map(r -> r.summary().id())).containsExactly(ids.get(2), ids.get(5));
    }

    /** Random expressions over random runs: the database's answer equals the evaluator's, in order. */
    @Test
    void sqlResultsEqualAnInMemoryEvaluatorOnRandomExpressions() throws SQLException {
        Random random = new Random(20_20);
        Object[] optimizers = {"sgd", "adam", "0.01", "Adam", null};
        Object[] rates = {0.01, 0.003, 0.1, "0.01", "fast", null};
        Object[] dropouts = {0.0, 0.25, 0.5, null};
        String[] notes = {null, "augment more", "tried AUGMENTATION", "baseline 100%", "under_score"};
        String[] statuses = {"completed", "failed", "pruned", "running"};
        for (int i = 0; i < 40; i++) {
            Object opt = pick(random, optimizers);
            Object lr = pick(random, rates);
            Object drop = pick(random, dropouts);
            List<Map<String, Double>> epochs = new ArrayList<>();
            int n = random.nextInt(5);
            for (int e = 0; e < n; e++) {
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("loss", round(random.nextDouble()));
                m.put("val_loss", random.nextInt(10) == 0 ? Double.NaN : round(random.nextDouble()));
                m.put("val_accuracy", round(random.nextDouble()));
                epochs.add(m);
            }
            Map<String, String> tags = new LinkedHashMap<>();
            if (random.nextBoolean()) {
                tags.put("owner", random.nextBoolean() ? "ana" : "bo");
            }
            if (random.nextInt(4) == 0) {
                tags.put("flag", null);
            }
            RunStatus status = RunStatus.fromLabel(statuses[random.nextInt(statuses.length)]);
            run(random.nextBoolean() ? "alpha" : "beta", config(opt, lr, drop), params(opt, lr, drop), epochs, status,
                    random.nextBoolean() ? round(random.nextDouble()) : null, (String) pick(random, notes), tags);
        }
        // Some runs in the trash: a query sees either the trash or the rest, whichever way it is evaluated.
        java.util.Set<String> trashed = new java.util.HashSet<>();
        for (int i = 0; i < 6; i++) {
            trashed.add(runs.get(random.nextInt(runs.size())).id());
        }
        for (String id : trashed) {
            update("UPDATE trial SET trashed_at = 1000 WHERE id = ?", id);
        }
        int nonEmpty = 0;
        for (int i = 0; i < 300; i++) {
            String filter = expression(random, 0);
            String order = random.nextInt(3) == 0 ? order(random) : null;
            Expr root = RunFilter.parse(filter).root();
            boolean inTrash = random.nextInt(5) == 0;
            String experiment = random.nextInt(4) == 0 ? "alpha" : null;
            // A text search too (words in run ids and experiment names; no tag holds them).
            String search = random.nextInt(4) == 0 ? new String[] {"alp", "BETA", "r1", "ph", "r2"}[random.nextInt(5)] : null;
            List<Model> expected = new ArrayList<>(runs.stream().filter(m -> trashed.contains(m.id()) == inTrash
                    && (experiment == null || experiment.equals(m.experiment())) && eval(root, m)
                    && (search == null || (m.id() + " " + m.experiment()).contains(search.toLowerCase(java.util.Locale.ROOT)))).toList());
            expected.sort(order == null ? Comparator.comparingLong((Model m) -> m.seq).reversed() : comparator(RunOrder.parse(order)));
            RunQuery q = new RunQuery(java.util.Set.of(), experiment, null, null, search, List.of(), "created_at", true, 0, RunQuery.MAX_LIMIT)
                    .with(RunFilter.parse(filter), order == null ? List.of() : RunOrder.parse(order)).inTrash(inTrash);
            String as = filter + (order == null ? "" : " order by " + order) + (inTrash ? " in the trash" : "")
                    + (experiment == null ? "" : " in " + experiment) + (search == null ? "" : " searching " + search);
            RunPage all = queries.query(q);
            List<String> actual = all.rows().stream().map(r -> r.summary().id()).toList();
            assertThat(actual).as(as).containsExactlyElementsOf(expected.stream().map(Model::id).toList());
            assertThat(all.total()).as(as).isEqualTo(expected.size());
            // A page from the middle is the same slice, with the same total.
            int offset = expected.isEmpty() ? 0 : random.nextInt(expected.size());
            RunPage page = queries.query(q.page(offset, 3));
            assertThat(page.total()).as(as + " page").isEqualTo(expected.size());
            assertThat(page.rows().stream().map(r -> r.summary().id()).toList()).as(as + " page at " + offset)
                    .containsExactlyElementsOf(expected.stream().skip(offset).limit(3).map(Model::id).toList());
            if (!actual.isEmpty() && actual.size() < runs.size() - trashed.size()) {
                nonEmpty++;
            }
        }
        assertThat(nonEmpty).as("expressions that select some but not all runs").isGreaterThan(100);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static Object pick(Random r, Object[] values) {
        return values[r.nextInt(values.length)];
    }

    private static final String[] NUMBER_FIELDS = {"epochs", "test_accuracy", "metrics.val_accuracy", "metrics.val_loss",
            "max.val_accuracy", "min.loss", "overfitting.best_epoch", "overfitting.gap_loss_last", "metrics.nope"};
    private static final String[] TEXT_FIELDS = {"experiment", "note", "tags.owner", "tags.flag", "status", "id"};
    private static final String[] PARAM_FIELDS = {"params.training.optimizer", "params.training.learning_rate",
            "params.architecture.params.dropout", "params.layers[0]", "params.missing"};

    private static String expression(Random r, int depth) {
        int k = depth >= 3 ? 3 : r.nextInt(6);
        return switch (k) {
            case 0 -> "(" + expression(r, depth + 1) + ") or " + expression(r, depth + 1);
            case 1 -> expression(r, depth + 1) + " AND " + expression(r, depth + 1);
            case 2 -> "not " + expression(r, depth + 1);
            default -> atom(r);
        };
    }

    private static String atom(Random r) {
        String[] ops = {"=", "!=", "<", "<=", ">", ">="};
        switch (r.nextInt(3)) {
            case 0: {
                String f = NUMBER_FIELDS[r.nextInt(NUMBER_FIELDS.length)];
                String number = String.valueOf(f.equals("epochs") || f.startsWith("overfitting.best") ? r.nextInt(5) : round(r.nextDouble()));
                return switch (r.nextInt(4)) {
                    case 0 -> f + " in (" + number + ", 2, 0.5)";
                    case 1 -> f + (r.nextBoolean() ? " is null" : " is not null");
                    default -> f + " " + ops[r.nextInt(ops.length)] + " " + number;
                };
            }
            case 1: {
                String f = TEXT_FIELDS[r.nextInt(TEXT_FIELDS.length)];
                String[] values = f.equals("status") ? new String[] {"completed", "failed", "running"}
                        : new String[] {"alpha", "ana", "augment more", "bo", "", "r5", "beta"};
                String v = "'" + values[r.nextInt(values.length)] + "'";
                String[] patterns = {"'%augment%'", "'%AUG%'", "'a%'", "'_o'", "'%100\\%'", "'%\\_%'", "'r1_'"};
                return switch (r.nextInt(5)) {
                    case 0 -> f + (r.nextBoolean() ? " not in (" : " in (") + v + (f.equals("status") ? ", 'pruned')" : ", 'beta', 'bo')");
                    case 1 -> f + (r.nextBoolean() ? " like " : r.nextBoolean() ? " ilike " : " not ilike ") + patterns[r.nextInt(patterns.length)];
                    case 2 -> f + (r.nextBoolean() ? " is null" : " is not null");
                    default -> f + " " + ops[r.nextInt(ops.length)] + " " + v;
                };
            }
            default: {
                String f = PARAM_FIELDS[r.nextInt(PARAM_FIELDS.length)];
                String[] values = {"0.01", "'0.01'", "0.003", "'sgd'", "'adam'", "0.25", "16", "'fast'", "1e-1", "0"};
                String v = values[r.nextInt(values.length)];
                return switch (r.nextInt(5)) {
                    case 0 -> f + (r.nextBoolean() ? " not in (" : " in (") + v + ", 'adam', 0.1)";
                    case 1 -> f + (r.nextBoolean() ? " like " : " ilike ") + (r.nextBoolean() ? "'%a%'" : "'0.0%'");
                    case 2 -> f + (r.nextBoolean() ? " is null" : " is not null");
                    default -> f + " " + ops[r.nextInt(ops.length)] + " " + v;
                };
            }
        }
    }

    private static String order(Random r) {
        List<String> all = new ArrayList<>(List.of(NUMBER_FIELDS));
        all.addAll(List.of(PARAM_FIELDS));
        all.addAll(List.of("experiment", "note", "tags.owner", "epochs"));
        String a = all.get(r.nextInt(all.size())) + (r.nextBoolean() ? " desc" : "");
        return r.nextBoolean() ? a : a + ", " + all.get(r.nextInt(all.size())) + (r.nextBoolean() ? " asc" : " desc");
    }

    // ---- the in-memory evaluator ----

    private static boolean eval(Expr e, Model m) {
        if (e instanceof Expr.And a) {
            return eval(a.left(), m) && eval(a.right(), m);
        } else if (e instanceof Expr.Or o) {
            return eval(o.left(), m) || eval(o.right(), m);
        } else if (e instanceof Expr.Not n) {
            return !eval(n.inner(), m);
        } else if (e instanceof Expr.IsNull n) {
            return (value(n.field(), m, false) == null) != n.negated();
        } else if (e instanceof Expr.Compare c) {
            if (c.op() == Expr.Op.NE) {
                return value(c.field(), m, false) != null && !compare(c.field(), Expr.Op.EQ, c.value(), m);
            }
            return compare(c.field(), c.op(), c.value(), m);
        } else if (e instanceof Expr.In in) {
            boolean any = in.values().stream().anyMatch(v -> compare(in.field(), Expr.Op.EQ, v, m));
            return in.negated() ? value(in.field(), m, false) != null && !any : any;
        } else if (e instanceof Expr.Like l) {
            Object v = value(l.field(), m, false);
            boolean like = v != null && like(l.pattern(), v.toString(), l.ignoreCase());
            return l.negated() ? v != null && !like : like;
        }
        throw new AssertionError(e);
    }

    private static boolean compare(Field f, Expr.Op op, Expr.Value literal, Model m) {
        Object v = value(f, m, literal.numeric());
        if (v == null) {
            return false;
        }
        int c = v instanceof Double d ? Double.compare(d, literal.number()) : ((String) v).compareTo(literal.text());
        return op.test(c);
    }

    private static boolean like(String pattern, String text, boolean ignoreCase) {
        if (ignoreCase) {
            pattern = pattern.toLowerCase(Locale.ROOT);
            text = text.toLowerCase(Locale.ROOT);
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches();
    }

    /** The run's value of a field: a Double, a String or null. */
    private static Object value(Field f, Model m, boolean numeric) {
        return switch (f.kind()) {
            case COLUMN -> switch (f.name()) {
                case "id" -> m.id;
                case "experiment" -> m.experiment;
                case "status" -> m.status;
                case "note" -> m.note;
                case "epochs" -> (double) m.epochs;
                case "test_accuracy" -> m.testAccuracy;
                default -> throw new AssertionError(f);
            };
            case PARAM -> {
                String text = m.params.get(f.name());
                yield numeric ? RunFilter.number(text) : text;
            }
            case METRIC -> {
                if (m.epochMetrics.isEmpty()) {
                    yield null;
                }
                Double v = m.epochMetrics.get(m.epochMetrics.size() - 1).values().get(f.name());
                yield v == null || !Double.isFinite(v) ? null : v;
            }
            case MAX, MIN -> m.epochMetrics.stream().map(e -> e.values().get(f.name())).filter(v -> v != null && Double.isFinite(v))
                    .reduce(f.kind() == Field.Kind.MAX ? Math::max : Math::min).orElse(null);
            case TAG -> m.tags.containsKey(f.name()) ? (m.tags.get(f.name()) == null ? "" : m.tags.get(f.name())) : null;
            case OVERFITTING -> {
                if (m.epochMetrics.isEmpty()) {
                    yield null;
                }
                OverfittingSummary s = OverfittingAnalysis.of(m.epochMetrics, OverfittingAnalysis.DEFAULT_PATIENCE);
                yield switch (f.name()) {
                    case "best_epoch" -> s.bestEpoch() == null ? null : s.bestEpoch().doubleValue();
                    case "gap_loss_last" -> s.gapLossLast();
                    default -> throw new AssertionError(f);
                };
            }
        };
    }

    private static Comparator<Model> comparator(List<RunOrder.Key> keys) {
        Comparator<Model> c = (a, b) -> 0;
        for (RunOrder.Key k : keys) {
            if (k.field().type() == Field.Type.PARAM) {
                c = c.thenComparing(nullsLast(m -> value(k.field(), m, true), k.descending()));
            }
            if (k.field().kind() == Field.Kind.COLUMN && k.field().name().equals("id")) {
                c = c.thenComparing(nullsLast(m -> (double) m.seq, k.descending()));
            } else {
                c = c.thenComparing(nullsLast(m -> value(k.field(), m, false), k.descending()));
            }
        }
        return c.thenComparing(Comparator.comparingLong((Model m) -> m.seq).reversed());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Model> nullsLast(java.util.function.Function<Model, Object> key, boolean descending) {
        return (a, b) -> {
            Object x = key.apply(a);
            Object y = key.apply(b);
            if (x == null || y == null) {
                return x == null ? (y == null ? 0 : 1) : -1;
            }
            int c = ((Comparable) x).compareTo(y);
            return descending ? -c : c;
        };
    }
}
