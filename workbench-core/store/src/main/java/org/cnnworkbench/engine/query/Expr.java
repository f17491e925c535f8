package org.cnnworkbench.engine.query;

import java.util.List;

/**
 * A filter's syntax tree. Every comparison is false when the run has no value for its field, so
 * {@code !=}, {@code not in} and {@code not like} match only runs that have the field; {@code not} negates
 * plainly (two-valued logic throughout).
 */
public sealed interface Expr {

    record And(Expr left, Expr right) implements Expr {
    }

    record Or(Expr left, Expr right) implements Expr {
    }

    record Not(Expr inner) implements Expr {
    }

    /** {@code field op value}. */
    record Compare(Field field, Op op, Value value) implements Expr {
    }

    /** {@code field [not] in (values)}. */
    record In(Field field, List<Value> values, boolean negated) implements Expr {
        public In {
            values = List.copyOf(values);
        }
    }

    /** {@code field [not] like|ilike 'pattern'}: {@code %} any text, {@code _} one character, {@code \} escapes. */
    record Like(Field field, String pattern, boolean ignoreCase, boolean negated) implements Expr {
    }

    /** {@code field is [not] null}. */
    record IsNull(Field field, boolean negated) implements Expr {
    }

    /** A comparison operator. */
    enum Op {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String sql;

        Op(String sql) {
            this.sql = sql;
        }

        /** The operator in SQL (a fixed string, never user text). */
        public String sql() {
            return sql;
        }

        /** Whether {@code c}, a {@code compareTo} result, satisfies the operator. */
        public boolean test(int c) {
            return switch (this) {
                case EQ -> c == 0;
                case NE -> c != 0;
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                case GE -> c >= 0;
            };
        }
    }

    /**
     * A literal as its field compares it: {@code number} is set when the comparison is numeric (a number
     * field, or a parameter with a numeric literal), else null and {@code text} is compared.
     */
    record Value(String text, Double number) {
        public boolean numeric() {
            return number != null;
        }
    }
}
