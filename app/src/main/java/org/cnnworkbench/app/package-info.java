/**
 * The {@code workbench} command line: picocli subcommands that wire the engine, the H2 store and
 * (later) the web UI together. Every listing command takes {@code --json}. Exit codes: 0 success,
 * 2 the user's input is wrong, 1 anything else.
 */
package org.cnnworkbench.app;
