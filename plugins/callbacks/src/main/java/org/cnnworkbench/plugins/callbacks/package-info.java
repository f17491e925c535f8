/**
 * Built-in training callbacks, after Keras' callbacks:
 * {@link org.cnnworkbench.plugins.callbacks.EarlyStopping} ({@code early-stopping}),
 * {@link org.cnnworkbench.plugins.callbacks.ModelCheckpoint} ({@code model-checkpoint}),
 * {@link org.cnnworkbench.plugins.callbacks.ReduceLrOnPlateau} ({@code reduce-lr-on-plateau}),
 * {@link org.cnnworkbench.plugins.callbacks.LrSchedule} ({@code lr-schedule}),
 * {@link org.cnnworkbench.plugins.callbacks.TerminateOnNan} ({@code terminate-on-nan}) and
 * {@link org.cnnworkbench.plugins.callbacks.OverfittingAlarm} ({@code overfitting-alarm}). Each
 * extension only reads its parameters; the per-trial state lives in the listener it creates. The
 * three that watch a metric for improvement share {@code Monitor} (monitor, mode, min_delta). Each
 * extension extends {@link org.cnnworkbench.api.ConfigurableExtension} for its id, description and
 * parameters. The package uses the plugin API ({@code org.cnnworkbench.api}) and PF4J's
 * {@code @Extension}, nothing else of the workbench.
 */
package org.cnnworkbench.plugins.callbacks;
