/**
 * Experiment files: YAML parsing with source lines kept for error messages, {@code --set}
 * overrides, and the declared settings of the {@code training:} section. A plugin parameter may be
 * written as a mapping {@code P: {k: v}} for the declared {@code P_k} ({@code head: {units: 256}} for
 * {@code head_units}; {@code ParamValidator}); what is recorded has the
 * declared, flat names.
 */
package org.cnnworkbench.engine.spec;
