package org.cnnworkbench.db;

/** Text for bounded columns. */
final class Text {
    private Text() {
    }

    /** {@code text} cut to {@code max} characters (with an ellipsis), or {@code null}. */
    static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 3) + "...";
    }
}
