/**
 * Experiment files: YAML parsing with source lines kept for error messages, {@code --set}
 * overrides, and the declared settings of the {@code training:} section.
 */
package org.cnnworkbench.engine.spec;
