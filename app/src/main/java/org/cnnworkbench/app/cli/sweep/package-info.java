/**
 * Sweep commands: {@code sweep}, {@code sweeps}, {@code sweep-status}, {@code worker}, and the launcher options
 * they share with {@code resume}. May use {@code home}, {@code text}, {@code launch} and {@code cli.web}.
 */
package org.cnnworkbench.app.cli.sweep;
