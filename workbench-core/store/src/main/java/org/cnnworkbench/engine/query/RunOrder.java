package org.cnnworkbench.engine.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cnnworkbench.engine.query.Lexer.Kind;
import org.cnnworkbench.engine.query.Lexer.Token;

/**
 * A runs order, e.g. {@code max.val_accuracy desc, created}: fields of the filter language, each ascending
 * unless followed by {@code desc}. Runs without a value come last either way; the newest run first breaks ties.
 */
public final class RunOrder {

    /** One ordering field. */
    public record Key(Field field, boolean descending) {
    }

    private RunOrder() {
    }

    /** The keys of {@code source}, or a {@link QueryException} saying what is wrong where. */
    public static List<Key> parse(String source) {
        Objects.requireNonNull(source, "source");
        List<Token> tokens = Lexer.tokens(source);
        List<Key> keys = new ArrayList<>();
        int at = 0;
        while (true) {
            Token name = tokens.get(at++);
            Field field = RunFilter.field(source, name);
            boolean descending = false;
            Token t = tokens.get(at);
            if (t.isWord("desc") || t.isWord("asc")) {
                descending = t.isWord("desc");
                at++;
                t = tokens.get(at);
            }
            keys.add(new Key(field, descending));
            if (t.kind() == Kind.END) {
                return keys;
            }
            if (t.kind() != Kind.COMMA) {
                throw new QueryException(source, t.column(), "expected 'asc', 'desc', ',' or the end, found '" + t.text() + "'");
            }
            at++;
            if (keys.size() >= 10) {
                throw new QueryException(source, t.column(), "an order has 10 fields at most");
            }
        }
    }
}
