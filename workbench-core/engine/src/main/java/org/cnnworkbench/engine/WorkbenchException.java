package org.cnnworkbench.engine;

import java.util.Objects;

/**
 * A user's mistake, with a message that names the thing, the value found, what is allowed and how
 * to fix it (and the file and line where there is one). The CLI prints the message without a
 * stack trace and exits with code 2.
 */
public class WorkbenchException extends RuntimeException {
    private final ErrorCode code;

    public WorkbenchException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public WorkbenchException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
