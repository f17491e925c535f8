package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.BitSet;
import org.cnnworkbench.engine.query.Expr;

/**
 * Evaluates a query-language filter as a set of runs ({@code id_seq} bits), for filters that compare metrics,
 * parameters or tags. Each such comparison is one range of an index of (key, value, run) (V13, V14; a tag's
 * (key, value) index finds its few rows): the runs' ids are read from the index, and {@code and}, {@code or} and {@code not} are set operations in memory. A
 * part of the expression that compares none of them is one SQL condition over the runs, read once.
 *
 * <p>The truth is {@link FilterSql}'s, which the property test checks against an in-memory evaluator: every
 * condition {@link FilterSql#condition} writes is two-valued (true or false, never unknown), so {@code not} is the
 * complement among all runs, and a comparison is "has a value and ..." exactly where {@link FilterSql} says so.
 * A database that evaluated {@code t.id IN (...)} once per run took about 18 microseconds a run for each; this
 * reads each index range once.
 */
final class FilterSets {
    private final Connection connection;
    private final FilterSql sql;
    private BitSet all;

    FilterSets(Connection connection, long now) {
        this.connection = connection;
        this.sql = new FilterSql(now);
    }

    /** Whether {@code e} compares a metric, a parameter or a tag anywhere (else one SQL condition serves it as well). */
    static boolean worthIt(Expr e) {
        if (e instanceof Expr.And a) {
            return worthIt(a.left()) || worthIt(a.right());
        } else if (e instanceof Expr.Or o) {
            return worthIt(o.left()) || worthIt(o.right());
        } else if (e instanceof Expr.Not n) {
            return worthIt(n.inner());
        }
        return atom(e);
    }

    /**
     * Whether {@code e} is one comparison read from an index: of a metric or a parameter (any operator), or of a
     * tag (=, !=, in, not in with text, is null).
     */
    private static boolean atom(Expr e) {
        if (e instanceof Expr.Compare c) {
            return FilterSql.indexed(c.field()) || isTag(c.field()) && !c.value().numeric() && (c.op() == Expr.Op.EQ || c.op() == Expr.Op.NE);
        } else if (e instanceof Expr.In in) {
            return FilterSql.indexed(in.field()) || isTag(in.field()) && in.values().stream().noneMatch(Expr.Value::numeric);
        } else if (e instanceof Expr.IsNull n) {
            return FilterSql.indexed(n.field()) || isTag(n.field());
        }
        return false;
    }

    private static boolean isTag(org.cnnworkbench.engine.query.Field f) {
        return f.kind() == org.cnnworkbench.engine.query.Field.Kind.TAG;
    }

    /** The runs whose field equals {@code v}: an index range of the metric, parameter or tag. */
    private BitSet equal(org.cnnworkbench.engine.query.Field field, Expr.Value v) throws SQLException {
        if (!isTag(field)) {
            return ids(FilterSql.runsWhere(field, Expr.Op.EQ, v));
        }
        // A tag without a value reads as '' (FilterSql.value); runs' tags only (a sweep's id is not a run's).
        String value = v.text().isEmpty() ? "(g.tag_value = ? OR g.tag_value IS NULL)" : "g.tag_value = ?";
        return ids(FilterSql.Frag.of("SELECT g.entity_id FROM tag g WHERE g.tag_key = ? AND " + value + " AND g.entity_id LIKE 'r%'",
                field.name(), v.text()));
    }

    /** The runs that have a value of the field. */
    private BitSet valued(org.cnnworkbench.engine.query.Field field) throws SQLException {
        return ids(isTag(field)
                ? FilterSql.Frag.of("SELECT g.entity_id FROM tag g WHERE g.tag_key = ? AND g.entity_id LIKE 'r%'", field.name())
                : FilterSql.runsWithValue(field));
    }

    /** The runs (trashed or not) for which {@code e} is true. */
    BitSet matching(Expr e) throws SQLException {
        if (!worthIt(e)) {
            FilterSql.Frag condition = sql.condition(e);
            return ids(FilterSql.Frag.join("SELECT t.id_seq" + H2RunQueries.from(condition.sql()) + " WHERE ", condition));
        }
        if (e instanceof Expr.And a) {
            BitSet left = matching(a.left());
            if (!left.isEmpty()) {
                left.and(matching(a.right()));
            }
            return left;
        } else if (e instanceof Expr.Or o) {
            BitSet left = matching(o.left());
            left.or(matching(o.right()));
            return left;
        } else if (e instanceof Expr.Not n) {
            return without(all(), matching(n.inner()));
        } else if (e instanceof Expr.Compare c) {
            if (c.op() == Expr.Op.NE) {
                return without(valued(c.field()), equal(c.field(), c.value()));
            }
            return c.op() == Expr.Op.EQ ? equal(c.field(), c.value()) : ids(FilterSql.runsWhere(c.field(), c.op(), c.value()));
        } else if (e instanceof Expr.In in) {
            BitSet any = new BitSet();
            for (Expr.Value v : in.values()) {
                any.or(equal(in.field(), v));
            }
            return in.negated() ? without(valued(in.field()), any) : any;
        } else if (e instanceof Expr.IsNull n) {
            BitSet valued = valued(n.field());
            return n.negated() ? valued : without(all(), valued);
        }
        throw new IllegalArgumentException("unknown expression " + e);
    }

    /** Every run's id, from the unique index of {@code id_seq}. */
    private BitSet all() throws SQLException {
        if (all == null) {
            all = ids(FilterSql.Frag.of("SELECT id_seq FROM trial"));
        }
        return (BitSet) all.clone();
    }

    private static BitSet without(BitSet from, BitSet minus) {
        from.andNot(minus);
        return from;
    }

    /** The runs the query selects: its first column is a run's {@code id_seq}, or its id ({@code r} and the number). */
    BitSet ids(FilterSql.Frag query) throws SQLException {
        BitSet out = new BitSet();
        try (PreparedStatement select = connection.prepareStatement(query.sql())) {
            H2RunQueries.bind(select, query.args());
            try (ResultSet rs = select.executeQuery()) {
                boolean text = rs.getMetaData().getColumnType(1) == java.sql.Types.VARCHAR;
                while (rs.next()) {
                    out.set(Math.toIntExact(text ? Long.parseLong(rs.getString(1).substring(EntityId.RUN_PREFIX.length())) : rs.getLong(1)));
                }
            }
        }
        return out;
    }
}
