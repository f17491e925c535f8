/** Predictions from a run's saved model on new images, prepared exactly as its training images were. */
package org.cnnworkbench.engine.predict;
