/**
 * The dashboard: a Javalin server with a JSON API ({@code /api/...}) and pages over the same store
 * as the CLI, live through server-sent events. Depends on the engine's store interfaces only; the
 * application wires in the H2 implementations.
 */
package org.cnnworkbench.web;
