/**
 * Built-in training-time augmentations, after Keras' ImageDataGenerator:
 * {@link org.cnnworkbench.plugins.augmentations.HorizontalFlip} ({@code horizontal-flip}).
 * Each transform takes its randomness only from the Random the engine passes, so runs repeat.
 */
package org.cnnworkbench.plugins.augmentations;
