package org.cnnworkbench.engine.query;

import java.util.ArrayList;
import java.util.List;

/** Splits a query into tokens, each with its 1-based column. */
final class Lexer {

    enum Kind { WORD, STRING, NUMBER, OP, LPAREN, RPAREN, COMMA, END }

    record Token(Kind kind, String text, int column) {
        boolean isWord(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }
    }

    private Lexer() {
    }

    static List<Token> tokens(String source) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = source.length();
        int wordEnd = -1;
        while (i < n) {
            char c = source.charAt(i);
            int column = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                out.add(new Token(Kind.LPAREN, "(", column));
                i++;
            } else if (c == ')') {
                out.add(new Token(Kind.RPAREN, ")", column));
                i++;
            } else if (c == ',') {
                out.add(new Token(Kind.COMMA, ",", column));
                i++;
            } else if (c == '\'' || c == '"' || c == '`') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= n) {
                        throw new QueryException(source, column, "unterminated " + (c == '`' ? "quoted name" : "string")
                                + " (close it with " + c + ")");
                    }
                    char d = source.charAt(j);
                    if (d == c) {
                        if (j + 1 < n && source.charAt(j + 1) == c) {
                            text.append(c);
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    text.append(d);
                    j++;
                }
                Token last = out.isEmpty() ? null : out.get(out.size() - 1);
                if (c == '`' && last != null && last.kind() == Kind.WORD && last.text().endsWith(".") && wordEnd == i) {
                    // params.`odd key`: a prefix and a quoted key written together are one name
                    out.set(out.size() - 1, new Token(Kind.WORD, last.text() + text, last.column()));
                } else {
                    out.add(new Token(c == '`' ? Kind.WORD : Kind.STRING, text.toString(), column));
                }
                i = j + 1;
            } else if (c == '=' || c == '!' || c == '<' || c == '>') {
                String two = i + 1 < n ? source.substring(i, i + 2) : "";
                String op;
                if (two.equals("!=") || two.equals("<=") || two.equals(">=") || two.equals("<>") || two.equals("==")) {
                    op = two;
                } else if (c == '!') {
                    throw new QueryException(source, column, "'!' must be followed by '=' (not equal)");
                } else {
                    op = String.valueOf(c);
                }
                out.add(new Token(Kind.OP, op, column));
                i += op.length();
            } else if (Character.isDigit(c) || ((c == '-' || c == '+' || c == '.') && i + 1 < n
                    && (Character.isDigit(source.charAt(i + 1)) || source.charAt(i + 1) == '.'))) {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(source.charAt(j)) || source.charAt(j) == '.'
                        || ((source.charAt(j) == '-' || source.charAt(j) == '+')
                        && (source.charAt(j - 1) == 'e' || source.charAt(j - 1) == 'E')))) {
                    j++;
                }
                String text = source.substring(i, j);
                try {
                    double v = Double.parseDouble(text);
                    if (!Double.isFinite(v) || text.matches(".*[a-df-zA-DF-Z].*")) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw new QueryException(source, column, "'" + text + "' is not a number");
                }
                out.add(new Token(Kind.NUMBER, text, column));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < n && isWordPart(source.charAt(j))) {
                    j++;
                }
                out.add(new Token(Kind.WORD, source.substring(i, j), column));
                i = j;
                wordEnd = j;
            } else {
                throw new QueryException(source, column, "unexpected character '" + c + "'");
            }
        }
        out.add(new Token(Kind.END, "", n + 1));
        return out;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == ':' || c == '[' || c == ']' || c == '/';
    }
}
