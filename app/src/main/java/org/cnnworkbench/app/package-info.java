/**
 * The {@code workbench} command line's entry: {@link org.cnnworkbench.app.Main}, the top-level
 * {@link org.cnnworkbench.app.WorkbenchCommand} (which lists the subcommands of {@code cli.*} and turns
 * exceptions into messages), the exit codes (0 success, 2 the user's input is wrong, 1 anything else) and the
 * logging set-up. Nothing else lives here: the commands are in {@code cli.<area>}, the home in {@code home},
 * the sweep launchers in {@code launch}, machine probing in {@code device}, text output in {@code text}.
 * Only this package may use all of them; none of them uses this package.
 */
package org.cnnworkbench.app;
