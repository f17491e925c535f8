package org.cnnworkbench.web;

/** A request the API refuses, with the reason shown to the user (HTTP 400, or 404 when {@code notFound}). */
final class BadRequest extends RuntimeException {
    private final boolean notFound;

    BadRequest(String message) {
        this(message, false);
    }

    BadRequest(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    static BadRequest notFound(String message) {
        return new BadRequest(message, true);
    }

    int status() {
        return notFound ? 404 : 400;
    }
}
