package org.cnnworkbench.api;

/** The type of a declared parameter, as users write it in an experiment file. */
public enum ParamType {
    /** A whole number; {@link ParamSpec#min()} and {@link ParamSpec#max()} bound it. */
    INTEGER("integer"),
    /** A real number; {@link ParamSpec#min()} and {@link ParamSpec#max()} bound it. */
    NUMBER("number"),
    /** {@code true} or {@code false}. */
    BOOLEAN("boolean"),
    /** Free text. */
    STRING("string"),
    /** One of {@link ParamSpec#allowed()}. */
    CHOICE("choice"),
    /** A file or folder; relative paths resolve against the experiment file's folder. */
    PATH("path");

    private final String label;

    ParamType(String label) {
        this.label = label;
    }

    /** The name users see in listings and error messages. */
    public String label() {
        return label;
    }
}
