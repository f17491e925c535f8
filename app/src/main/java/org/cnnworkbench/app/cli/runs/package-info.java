/**
 * Commands on recorded runs: {@code runs}, {@code show}, {@code tag}, {@code cancel}, {@code export},
 * {@code logs}. May use {@code home} and {@code text}.
 */
package org.cnnworkbench.app.cli.runs;
