/**
 * Built-in training callbacks, after Keras' callbacks:
 * {@link org.cnnworkbench.plugins.callbacks.EarlyStopping} ({@code early-stopping}). Each
 * extension only reads its parameters; the per-trial state lives in the listener it creates.
 */
package org.cnnworkbench.plugins.callbacks;
