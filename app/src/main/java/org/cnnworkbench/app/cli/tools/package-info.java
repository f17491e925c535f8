/**
 * Tools around training: {@code datasets} (make and inspect data sets) and {@code doctor} (prints what
 * {@code device} found). May use {@code home}, {@code text} and {@code device}.
 */
package org.cnnworkbench.app.cli.tools;
