package org.cnnworkbench.db;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.query.Expr;
import org.cnnworkbench.engine.query.Field;
import org.cnnworkbench.engine.query.RunOrder;

/**
 * Compiles the query language's trees ({@link Expr}, {@link RunOrder.Key}) to SQL over
 * {@code trial t JOIN experiment e LEFT JOIN run_summary rs}. The SQL text comes only from this class's
 * constants and the fixed column list; every value and every key (parameter path, metric or tag key) is a
 * bound argument, kept with its fragment in the order of its {@code ?}.
 *
 * <p>Semantics (the property test's in-memory evaluator mirrors them): a comparison is false when the
 * run has no value; {@code !=}, {@code not in} and {@code not like} are "has a value and not ..."; {@code not}
 * is plain negation. A metric's non-finite value counts as no value; a parameter is compared through its
 * number when the literal is numeric, else through its text, and has a value when its text is not null.
 */
final class FilterSql {

    /** SQL text with its arguments in the order of its {@code ?}. */
    record Frag(String sql, List<Object> args) {
        static Frag of(String sql, Object... args) {
            return new Frag(sql, List.of(args));
        }

        /** The fragments joined in order, with text between: {@code join("(", a, " AND ", b, ")")}. */
        static Frag join(Object... parts) {
            StringBuilder sql = new StringBuilder();
            List<Object> args = new ArrayList<>();
            for (Object p : parts) {
                if (p instanceof Frag f) {
                    sql.append(f.sql);
                    args.addAll(f.args);
                } else {
                    sql.append((String) p);
                }
            }
            return new Frag(sql.toString(), args);
        }
    }

    private static final String DURATION = "((COALESCE(t.ended_at, t.heartbeat_at, t.started_at) - t.started_at) / 1000.0)";

    private final long now;

    /** @param now the time that decides whether a running run's expired lease shows it as interrupted */
    FilterSql(long now) {
        this.now = now;
    }

    /** The condition of {@code e}. */
    Frag condition(Expr e) {
        if (e instanceof Expr.And a) {
            return Frag.join("(", condition(a.left()), " AND ", condition(a.right()), ")");
        } else if (e instanceof Expr.Or o) {
            return Frag.join("(", condition(o.left()), " OR ", condition(o.right()), ")");
        } else if (e instanceof Expr.Not n) {
            return Frag.join("(NOT ", condition(n.inner()), ")");
        } else if (e instanceof Expr.IsNull n) {
            return Frag.join("(", value(n.field(), false), n.negated() ? " IS NOT NULL)" : " IS NULL)");
        } else if (e instanceof Expr.Compare c) {
            if (c.op() == Expr.Op.NE) {
                return present(c.field(), compare(c.field(), Expr.Op.EQ, c.value()));
            }
            return compare(c.field(), c.op(), c.value());
        } else if (e instanceof Expr.In in) {
            List<Frag> any = new ArrayList<>();
            for (Expr.Value v : in.values()) {
                any.add(compare(in.field(), Expr.Op.EQ, v));
            }
            Frag or = any.get(0);
            for (int i = 1; i < any.size(); i++) {
                or = Frag.join(or, " OR ", any.get(i));
            }
            or = Frag.join("(", or, ")");
            return in.negated() ? present(in.field(), or) : or;
        } else if (e instanceof Expr.Like l) {
            Frag text = value(l.field(), false);
            Frag like = l.ignoreCase()
                    ? Frag.join("COALESCE(LOWER(", text, ") LIKE LOWER(?) ESCAPE '\\', FALSE)")
                    : Frag.join("COALESCE(", text, " LIKE ? ESCAPE '\\', FALSE)");
            like = Frag.join(like, Frag.of("", l.pattern()));
            return l.negated() ? present(l.field(), like) : like;
        }
        throw new IllegalArgumentException("unknown expression " + e);
    }

    /** The ORDER BY terms of {@code keys} (each with NULLS LAST), then the newest run first. */
    Frag order(List<RunOrder.Key> keys) {
        List<Object> parts = new ArrayList<>();
        for (RunOrder.Key k : keys) {
            String dir = k.descending() ? " DESC NULLS LAST, " : " ASC NULLS LAST, ";
            if (k.field().type() == Field.Type.PARAM) {
                parts.add(value(k.field(), true));
                parts.add(dir);
            }
            if (k.field().kind() == Field.Kind.COLUMN && k.field().name().equals("id")) {
                parts.add("t.id_seq" + dir);
            } else {
                parts.add(value(k.field(), false));
                parts.add(dir);
            }
        }
        parts.add("t.id_seq DESC");
        return Frag.join(parts.toArray());
    }

    private Frag compare(Field field, Expr.Op op, Expr.Value v) {
        Object arg = v.numeric() ? (Object) v.number() : v.text();
        if (indexed(field)) {
            // The runs whose value compares true, read through the (key, value, run) index: the same truth as
            // COALESCE(value op ?, FALSE) below (no value, or a non-finite metric, is false), without a lookup per run.
            return Frag.join("t.id IN (", runsWhere(field, op, v), ")");
        }
        if (field.kind() == Field.Kind.COLUMN && field.name().equals("status") && op == Expr.Op.EQ && !v.numeric()) {
            // The stored state, so that the (state, id_seq) index finds the runs: a run shows as interrupted exactly
            // when it is stored as running (outside a sweep) and its lease has expired.
            return switch (v.text()) {
                case "interrupted" -> Frag.of("COALESCE(" + RunReader.INTERRUPTED + ", FALSE)", now);
                case "running" -> Frag.of("(t.state = 'running' AND NOT COALESCE(" + RunReader.INTERRUPTED + ", FALSE))", now);
                default -> Frag.of("t.state = ?", v.text());
            };
        }
        return Frag.join("COALESCE(", value(field, v.numeric()), " " + op.sql() + " ?, FALSE)", Frag.of("", arg));
    }

    /**
     * Whether comparisons of the field read an index of (key, value, run): a metric's latest value, its highest or
     * lowest over the epochs (V14), or a parameter.
     */
    static boolean indexed(Field field) {
        return switch (field.kind()) {
            case METRIC, MAX, MIN, PARAM -> true;
            default -> false;
        };
    }

    /** The column of {@code metric_extreme} that holds a {@code max.} or {@code min.} field's value. */
    private static String extreme(Field f) {
        return f.kind() == Field.Kind.MAX ? "max_value" : "min_value";
    }

    /** The ids of the runs whose {@link #indexed} field compares true with {@code v}: a query of one index range. */
    static Frag runsWhere(Field field, Expr.Op op, Expr.Value v) {
        Object arg = v.numeric() ? (Object) v.number() : v.text();
        if (field.kind() == Field.Kind.MAX || field.kind() == Field.Kind.MIN) {
            return Frag.of("SELECT x.trial_id FROM metric_extreme x WHERE x.metric_key = ? AND x." + extreme(field) + " " + op.sql() + " ?",
                    field.name(), arg);
        }
        return field.kind() == Field.Kind.METRIC
                ? Frag.of("SELECT m.trial_id FROM latest_metric m WHERE m.metric_key = ? AND m.value_type = 0 AND m.metric_value "
                        + op.sql() + " ?", field.name(), arg)
                : Frag.of("SELECT p.trial_id FROM run_param p WHERE p.path = ? AND p." + (v.numeric() ? "value_num" : "value_text")
                        + " " + op.sql() + " ?", field.name(), arg);
    }

    /** The ids of the runs that have a value of the {@link #indexed} field (its {@link #value} is not null). */
    static Frag runsWithValue(Field field) {
        if (field.kind() == Field.Kind.MAX || field.kind() == Field.Kind.MIN) {
            return Frag.of("SELECT x.trial_id FROM metric_extreme x WHERE x.metric_key = ?", field.name());
        }
        return field.kind() == Field.Kind.METRIC
                ? Frag.of("SELECT m.trial_id FROM latest_metric m WHERE m.metric_key = ? AND m.value_type = 0", field.name())
                : Frag.of("SELECT p.trial_id FROM run_param p WHERE p.path = ? AND p.value_text IS NOT NULL", field.name());
    }

    /** "has a value and not (inner)". */
    private Frag present(Field field, Frag inner) {
        return Frag.join("(", value(field, false), " IS NOT NULL AND NOT ", inner, ")");
    }

    /**
     * The field's value as an SQL expression: a parameter's number when {@code numeric}, else its text; other
     * fields have one value of their type.
     */
    Frag value(Field f, boolean numeric) {
        String key = f.name();
        return switch (f.kind()) {
            case COLUMN -> switch (key) {
                case "id" -> Frag.of("t.id");
                case "experiment" -> Frag.of("e.name");
                case "sweep" -> Frag.of("t.sweep_id");
                case "note" -> Frag.of("t.note");
                case "status" -> Frag.of("(CASE WHEN " + RunReader.INTERRUPTED + " THEN 'interrupted' ELSE t.state END)", now);
                case "epochs" -> Frag.of("t.epochs");
                case "created" -> Frag.of("t.created_at");
                case "duration" -> Frag.of(DURATION);
                case "test_accuracy" -> Frag.of("t.test_accuracy");
                case "test_loss" -> Frag.of("t.test_loss");
                default -> throw new IllegalArgumentException("not a column: " + key);
            };
            case OVERFITTING -> {
                if (!Field.OVERFITTING.contains(key)) {
                    throw new IllegalArgumentException("not an overfitting field: " + key);
                }
                yield Frag.of("rs." + key);
            }
            case PARAM -> Frag.of("(SELECT p." + (numeric ? "value_num" : "value_text")
                    + " FROM run_param p WHERE p.trial_id = t.id AND p.path = ?)", key);
            case METRIC -> Frag.of("(SELECT CASE WHEN m.value_type = 0 THEN m.metric_value END"
                    + " FROM latest_metric m WHERE m.trial_id = t.id AND m.metric_key = ?)", key);
            case MAX, MIN -> Frag.of("(SELECT x." + extreme(f) + " FROM metric_extreme x WHERE x.trial_id = t.id AND x.metric_key = ?)", key);
            case TAG -> Frag.of("(SELECT COALESCE(g.tag_value, '') FROM tag g WHERE g.entity_id = t.id AND g.tag_key = ?)", key);
        };
    }
}
