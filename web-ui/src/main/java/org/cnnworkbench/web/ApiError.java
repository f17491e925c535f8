package org.cnnworkbench.web;

/**
 * A request the API refuses, with the reason shown to the user as {@code {"error": reason}} and its
 * HTTP status (400 bad input, 401 no token, 403 refused, 404 not found, 409 conflict, 413 too large, 503 busy). Reasons never
 * name a file on the server.
 */
final class ApiError extends RuntimeException {
    private final int status;
    private final Integer column;

    private ApiError(int status, String message) {
        this(status, message, null);
    }

    private ApiError(int status, String message, Integer column) {
        super(message);
        this.status = status;
        this.column = column;
    }

    /** A malformed expression of the query language: {@code {"error": ..., "column": N}}. */
    static ApiError badQuery(String parameter, org.cnnworkbench.engine.query.QueryException e) {
        return new ApiError(400, parameter + ": " + e.problem() + " (column " + e.column() + ")", e.column());
    }

    /** The JSON body of the answer. */
    java.util.Map<String, Object> body() {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("error", getMessage());
        if (column != null) {
            body.put("column", column);
        }
        return body;
    }

    /** The statuses the API refuses with; {@code NOT_FOUND.error(reason)} is the answer. */
    enum Status {
        BAD_REQUEST(400), UNAUTHORIZED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), TOO_LARGE(413), BUSY(503);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        /** A refusal with this status and {@code reason} shown to the user. */
        ApiError error(String reason) {
            return new ApiError(code, reason);
        }
    }

    int status() {
        return status;
    }
}
