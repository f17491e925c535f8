/**
 * Plugin commands: {@code plugins}, {@code plugins install}, {@code plugins remove}, {@code new-plugin} and
 * the project template {@code new-plugin} generates from. May use {@code home} and {@code text}.
 */
package org.cnnworkbench.app.cli.plugins;
