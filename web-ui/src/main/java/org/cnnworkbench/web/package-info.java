/**
 * The dashboard: a Javalin server with a JSON API ({@code /api/...}) and pages over the same store
 * as the CLI, live through a WebSocket ({@code /api/live}). {@link org.cnnworkbench.web.WebServer}
 * wires the {@link org.cnnworkbench.web.Guard} (host, token, request size, WebSocket origin) before
 * one route class per page ({@code RunRoutes}, {@code SweepRoutes}, {@code CompareRoutes},
 * {@code ExportRoutes}: {@code PageRoutes} over the sources and lookups; and {@code PredictRoutes}), which read parameters only through
 * {@link org.cnnworkbench.web.Params} and files under the home only through
 * {@link org.cnnworkbench.web.ArtifactFiles} (symbolic links followed, confined to the home).
 * Depends on the engine's store interfaces, JSON documents and predictor only; the application
 * wires in the H2 implementations. Launching and controlling runs and sweeps ({@code LaunchRoutes}) goes
 * through {@link org.cnnworkbench.web.Launches}, which the serving process implements and passes in.
 * Pages and their scripts are resources under {@code /web}.
 */
package org.cnnworkbench.web;
