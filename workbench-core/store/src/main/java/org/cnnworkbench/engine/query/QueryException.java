package org.cnnworkbench.engine.query;

/** A filter or order expression that cannot be read: what is wrong, and the 1-based column where. */
public final class QueryException extends IllegalArgumentException {
    private final String expression;
    private final int column;
    private final String problem;

    public QueryException(String expression, int column, String problem) {
        super(problem + " at column " + column);
        this.expression = expression;
        this.column = column;
        this.problem = problem;
    }

    /** The 1-based column of the problem in {@link #expression()}. */
    public int column() {
        return column;
    }

    public String expression() {
        return expression;
    }

    /** What is wrong, without the column. */
    public String problem() {
        return problem;
    }

    /** The expression and a caret under the column, two lines (tabs and line breaks shown as spaces). */
    public String caret() {
        String line = expression.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
        return line + "\n" + " ".repeat(Math.max(0, column - 1)) + "^";
    }
}
