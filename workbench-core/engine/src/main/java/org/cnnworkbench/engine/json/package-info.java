/**
 * The JSON documents of runs, sweeps and plugins ({@code show --json}, {@code sweep-status --json},
 * {@code plugins --json}, {@code export}) built once from the store's records, so that the CLI and the
 * dashboard's API answer with the same fields. May use the store interfaces and records, the analyses and
 * the plugin catalogue; never a database or the web server.
 */
package org.cnnworkbench.engine.json;
