package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.BitSet;
import org.cnnworkbench.engine.query.Expr;

/**
 * Evaluates a query-language filter as a set of runs ({@code id_seq} bits), for filters that compare metrics or
 * parameters. Each such comparison is one range of a covering index of (key, value, run) (V13): the runs' ids
 * are read from the index alone, and {@code and}, {@code or} and {@code not} are set operations in memory. A
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

    /** Whether {@code e} compares a metric or a parameter anywhere (else one SQL condition serves it as well). */
    static boolean worthIt(Expr e) {
        if (e instanceof Expr.And a) {
            return worthIt(a.left()) || worthIt(a.right());
        } else if (e instanceof Expr.Or o) {
            return worthIt(o.left()) || worthIt(o.right());
        } else if (e instanceof Expr.Not n) {
            return worthIt(n.inner());
        } else if (e instanceof Expr.Compare c) {
            return FilterSql.indexed(c.field());
        } else if (e instanceof Expr.In in) {
            return FilterSql.indexed(in.field());
        } else if (e instanceof Expr.IsNull n) {
            return FilterSql.indexed(n.field());
        }
        return false;
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
                return without(ids(FilterSql.runsWithValue(c.field())), ids(FilterSql.runsWhere(c.field(), Expr.Op.EQ, c.value())));
            }
            return ids(FilterSql.runsWhere(c.field(), c.op(), c.value()));
        } else if (e instanceof Expr.In in) {
            BitSet any = new BitSet();
            for (Expr.Value v : in.values()) {
                any.or(ids(FilterSql.runsWhere(in.field(), Expr.Op.EQ, v)));
            }
            return in.negated() ? without(ids(FilterSql.runsWithValue(in.field())), any) : any;
        } else if (e instanceof Expr.IsNull n) {
            BitSet valued = ids(FilterSql.runsWithValue(n.field()));
            return n.negated() ? valued : without(all(), valued);
        }
        throw new IllegalArgumentException("unknown expression " + e);
    }

    /** Every run's id, from the unique index of {@code id_seq}. */
    BitSet all() throws SQLException {
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
