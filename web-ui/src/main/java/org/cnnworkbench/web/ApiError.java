package org.cnnworkbench.web;

/**
 * A request the API refuses, with the reason shown to the user as {@code {"error": reason}} and its
 * HTTP status (400 bad input, 401 no token, 403 refused, 404 not found, 413 too large, 503 busy). Reasons never
 * name a file on the server.
 */
final class ApiError extends RuntimeException {
    private final int status;

    private ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError unauthorized(String message) {
        return new ApiError(401, message);
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    static ApiError tooLarge(String message) {
        return new ApiError(413, message);
    }

    static ApiError busy(String message) {
        return new ApiError(503, message);
    }

    int status() {
        return status;
    }
}
