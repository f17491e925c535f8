package org.cnnworkbench.api;

/**
 * Thrown by an extension when the user's input is wrong (a missing file, a malformed header, a
 * shape the architecture cannot take). The engine reports the message as it is, without a stack
 * trace, and the CLI exits with code 2; so the message names the thing, the value found, what
 * is allowed, and how to fix it.
 */
public class PluginInputException extends RuntimeException {
    public PluginInputException(String message) {
        super(message);
    }

    public PluginInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
