package org.cnnworkbench.engine;

/** What kind of user mistake a {@link WorkbenchException} reports; the API maps these to HTTP codes. */
public enum ErrorCode {
    /** The experiment file cannot be read or is not valid YAML of the expected shape. */
    INVALID_FILE,
    /** A {@code type:} names no loaded extension of that kind. */
    UNKNOWN_PLUGIN,
    /** A parameter is unknown, of the wrong type, out of range or missing. */
    INVALID_PARAMETER,
    /** A file or folder the experiment names does not exist. */
    MISSING_FILE,
    /** The data a plugin read does not fit (wrong format or shape). */
    INVALID_DATA,
    /** A run, sweep or other record asked for does not exist. */
    NOT_FOUND,
    /** The workbench home or database cannot be used as asked (e.g. locked by another process). */
    UNAVAILABLE,
    /** A command-line value is invalid. */
    INVALID_ARGUMENT
}
