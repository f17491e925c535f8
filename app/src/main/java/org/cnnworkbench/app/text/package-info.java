/**
 * Text the commands print: tables, parameter lists, classification reports, YAML, the progress bars of a
 * run, the live view of a sweep and a sweep's outcome. Formatting only: may use the engine's records; never
 * {@code cli}, {@code launch} or the database directly.
 */
package org.cnnworkbench.app.text;
