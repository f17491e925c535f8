/**
 * The local launcher: worker processes on this machine, one per device, restarted when they die.
 * May use {@code launch}, {@code home}, {@code text} and {@code device}; never {@code cli}.
 */
package org.cnnworkbench.app.launch.local;
