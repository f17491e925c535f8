/**
 * The picocli subcommands, one sub-package per area ({@code train}, {@code runs}, {@code sweep}, {@code db},
 * {@code plugins}, {@code web}, {@code tools}), and what several of them share:
 * <ul>
 *   <li>bases: {@link org.cnnworkbench.app.cli.HomeCommand} for the commands that check their arguments, then
 *       work in an open home, and {@link org.cnnworkbench.app.cli.HomeFilesCommand} for those that work on the
 *       home's files first (plugin jars, a database backup);</li>
 *   <li>mixins: {@link org.cnnworkbench.app.cli.JsonOption} ({@code --json}),
 *       {@link org.cnnworkbench.app.cli.ExperimentFileArguments} (FILE and {@code --set}), and the id a command
 *       acts on with its form check and lookup: {@link org.cnnworkbench.app.cli.RunIdParameter},
 *       {@link org.cnnworkbench.app.cli.SweepIdParameter}, {@link org.cnnworkbench.app.cli.RunOrSweepIdParameter};</li>
 *   <li>{@link org.cnnworkbench.app.cli.StopSignal} for Ctrl-C.</li>
 * </ul>
 * Commands may use {@code home}, {@code text}, {@code launch} and {@code device}; nothing below {@code cli}
 * calls back into it.
 */
package org.cnnworkbench.app.cli;
