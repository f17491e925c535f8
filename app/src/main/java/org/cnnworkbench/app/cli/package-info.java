/**
 * The picocli subcommands, one sub-package per area ({@code train}, {@code runs}, {@code sweep}, {@code db},
 * {@code plugins}, {@code web}, {@code tools}), and what several of them share: {@link
 * org.cnnworkbench.app.cli.StopSignal}, the {@code --json} mixin {@link org.cnnworkbench.app.cli.JsonOption}, and
 * {@link org.cnnworkbench.app.cli.HomeCommand}, the base of the commands that check their arguments, then work in
 * an open home. Commands may use {@code home}, {@code text}, {@code launch} and
 * {@code device}; nothing below {@code cli} calls back into it.
 */
package org.cnnworkbench.app.cli;
