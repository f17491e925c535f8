package org.cnnworkbench.engine.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.cnnworkbench.engine.query.Expr.Op;
import org.cnnworkbench.engine.query.Expr.Value;
import org.cnnworkbench.engine.query.Lexer.Kind;
import org.cnnworkbench.engine.query.Lexer.Token;
import org.cnnworkbench.engine.store.RunStatus;

/**
 * A parsed runs filter, e.g. {@code metrics.accuracy > 0.9 and params.model = 'cnn'}.
 *
 * <pre>
 * expr      := and ( OR and )*                 -- and binds tighter than or
 * and       := unary ( AND unary )*
 * unary     := NOT unary | '(' expr ')' | predicate
 * predicate := field ( op value | [NOT] IN '(' value (',' value)* ')' | [NOT] (LIKE|ILIKE) string | IS [NOT] NULL )
 * op        := = | == | != | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;=
 * value     := number | 'string' | "string"     -- a quote inside is doubled
 * field     := a column of {@link Field#COLUMNS} | params.PATH | metrics.KEY | max.KEY | min.KEY | tags.KEY
 *              | overfitting.FIELD | `any.name in backquotes`
 * </pre>
 * Keywords are read in any case. Number fields compare numerically (and {@code created} also takes a date,
 * {@code '2026-01-31'} or an ISO instant, in UTC); a parameter compares numerically when the value is a number or
 * a quoted number, so a parameter recorded as 0.01 or "0.01" equals {@code 0.01}; other values compare as text.
 * See {@link Expr} for missing values.
 */
public final class RunFilter {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private final String source;
    private final Expr root;

    private RunFilter(String source, Expr root) {
        this.source = source;
        this.root = root;
    }

    /** The filter {@code source}, or a {@link QueryException} saying what is wrong where. */
    public static RunFilter parse(String source) {
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new QueryException(source, 1, "the filter is empty");
        }
        Parser p = new Parser(source, Lexer.tokens(source));
        Expr root = p.or();
        Token end = p.peek();
        if (end.kind() != Kind.END) {
            throw new QueryException(source, end.column(), "expected 'and', 'or' or the end, found '" + end.text() + "'");
        }
        return new RunFilter(source, root);
    }

    /** Whether {@code text} looks like a filter rather than words to search for: it has an operator or a keyword of one. */
    public static boolean looksLikeFilter(String text) {
        if (text == null) {
            return false;
        }
        try {
            for (Token t : Lexer.tokens(text)) {
                if (t.kind() == Kind.OP || t.isWord("in") || t.isWord("like") || t.isWord("ilike") || t.isWord("is")) {
                    return true;
                }
            }
            return false;
        } catch (QueryException e) {
            return text.matches(".*[=<>!].*");
        }
    }

    public String source() {
        return source;
    }

    public Expr root() {
        return root;
    }

    @Override
    public String toString() {
        return source;
    }

    /** The numeric value of {@code text} if it is written as a finite number, else null. */
    public static Double number(String text) {
        if (text == null || !NUMBER.matcher(text.strip()).matches()) {
            return null;
        }
        double v = Double.parseDouble(text.strip());
        return Double.isFinite(v) ? v : null;
    }

    /** Reads one field name token (shared with {@link RunOrder}). */
    static Field field(String source, Token t) {
        if (t.kind() != Kind.WORD) {
            throw new QueryException(source, t.column(), t.kind() == Kind.END ? "expected a field, found the end"
                    : "expected a field, found '" + t.text() + "'");
        }
        try {
            return Field.of(t.text());
        } catch (IllegalArgumentException e) {
            throw new QueryException(source, t.column(), e.getMessage());
        }
    }

    private static final class Parser {
        private final String source;
        private final List<Token> tokens;
        private int at;
        private int depth;

        Parser(String source, List<Token> tokens) {
            this.source = source;
            this.tokens = tokens;
        }

        Token peek() {
            return tokens.get(at);
        }

        Token next() {
            Token t = tokens.get(at);
            if (t.kind() != Kind.END) {
                at++;
            }
            return t;
        }

        QueryException error(Token t, String expected) {
            return new QueryException(source, t.column(), "expected " + expected + ", found "
                    + (t.kind() == Kind.END ? "the end" : "'" + t.text() + "'"));
        }

        Expr or() {
            if (++depth > 200) {
                throw new QueryException(source, peek().column(), "the filter is nested too deeply (200 levels at most)");
            }
            Expr left = and();
            while (peek().isWord("or")) {
                next();
                left = new Expr.Or(left, and());
            }
            depth--;
            return left;
        }

        Expr and() {
            Expr left = unary();
            while (peek().isWord("and")) {
                next();
                left = new Expr.And(left, unary());
            }
            return left;
        }

        Expr unary() {
            Token t = peek();
            if (t.isWord("not")) {
                next();
                if (++depth > 200) {
                    throw new QueryException(source, t.column(), "the filter is nested too deeply (200 levels at most)");
                }
                Expr inner = unary();
                depth--;
                return new Expr.Not(inner);
            }
            if (t.kind() == Kind.LPAREN) {
                next();
                Expr inner = or();
                Token close = next();
                if (close.kind() != Kind.RPAREN) {
                    throw error(close, "')' to close the '(' at column " + t.column());
                }
                return inner;
            }
            if (t.kind() == Kind.WORD && isKeyword(t.text())) {
                throw error(t, "a field");
            }
            return predicate();
        }

        Expr predicate() {
            Token name = next();
            Field field = field(source, name);
            Token t = next();
            if (t.kind() == Kind.OP) {
                Op op = switch (t.text()) {
                    case "=", "==" -> Op.EQ;
                    case "!=", "<>" -> Op.NE;
                    case "<" -> Op.LT;
                    case "<=" -> Op.LE;
                    case ">" -> Op.GT;
                    default -> Op.GE;
                };
                return new Expr.Compare(field, op, value(field, next()));
            }
            boolean negated = false;
            if (t.isWord("not")) {
                negated = true;
                t = next();
                if (!t.isWord("in") && !t.isWord("like") && !t.isWord("ilike")) {
                    throw error(t, "'in', 'like' or 'ilike' after 'not'");
                }
            }
            if (t.isWord("in")) {
                Token open = next();
                if (open.kind() != Kind.LPAREN) {
                    throw error(open, "'(' after 'in'");
                }
                List<Value> values = new ArrayList<>();
                while (true) {
                    values.add(value(field, next()));
                    Token sep = next();
                    if (sep.kind() == Kind.RPAREN) {
                        break;
                    }
                    if (sep.kind() != Kind.COMMA) {
                        throw error(sep, "',' or ')' in the list of 'in'");
                    }
                    if (values.size() >= 1000) {
                        throw new QueryException(source, sep.column(), "a list of 'in' has 1000 values at most");
                    }
                }
                return new Expr.In(field, values, negated);
            }
            if (t.isWord("like") || t.isWord("ilike")) {
                if (field.type() == Field.Type.NUMBER) {
                    throw new QueryException(source, t.column(), "'" + t.text() + "' needs a text field; "
                            + field.text() + " is a number (compare it with = < > instead)");
                }
                Token pattern = next();
                if (pattern.kind() != Kind.STRING) {
                    throw error(pattern, "a quoted pattern after '" + t.text() + "', e.g. '%augment%'");
                }
                return new Expr.Like(field, pattern.text(), t.isWord("ilike"), negated);
            }
            if (t.isWord("is")) {
                boolean not = false;
                Token n = next();
                if (n.isWord("not")) {
                    not = true;
                    n = next();
                }
                if (!n.isWord("null")) {
                    throw error(n, not ? "'null' after 'is not'" : "'null' or 'not null' after 'is'");
                }
                return new Expr.IsNull(field, not);
            }
            throw error(t, "an operator (= != < <= > >= in, not in, like, ilike, is null) after " + field.text());
        }

        Value value(Field field, Token t) {
            if (t.kind() != Kind.NUMBER && t.kind() != Kind.STRING) {
                throw error(t, "a number or a quoted string");
            }
            return switch (field.type()) {
                case TEXT -> text(field, t);
                case PARAM -> new Value(t.text(), number(t.text()));
                case NUMBER -> numeric(field, t);
            };
        }

        private Value text(Field field, Token t) {
            if (field.kind() == Field.Kind.COLUMN && field.name().equals("status")) {
                String label = t.text().toLowerCase(Locale.ROOT);
                if (Arrays.stream(RunStatus.values()).noneMatch(s -> s.label().equals(label))) {
                    throw new QueryException(source, t.column(), "status '" + t.text() + "' is not one of "
                            + Arrays.stream(RunStatus.values()).map(RunStatus::label).toList());
                }
                return new Value(label, null);
            }
            return new Value(t.text(), null);
        }

        private Value numeric(Field field, Token t) {
            Double n = number(t.text());
            if (n != null) {
                return new Value(t.text(), n);
            }
            if (field.kind() == Field.Kind.COLUMN && field.name().equals("created")) {
                Long millis = time(t.text());
                if (millis != null) {
                    return new Value(t.text(), millis.doubleValue());
                }
                throw new QueryException(source, t.column(), "created takes a time in milliseconds, a date ('2026-01-31')"
                        + " or an ISO time ('2026-01-31T12:00:00Z'), found '" + t.text() + "'");
            }
            throw new QueryException(source, t.column(), field.text() + " is a number; found '" + t.text() + "'");
        }
    }

    private static Long time(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean isKeyword(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "and", "or", "not", "in", "like", "ilike", "is", "null" -> true;
            default -> false;
        };
    }
}
