/**
 * The engine's work on training data outside a trial: {@link org.cnnworkbench.engine.data.AugmentationPreview}
 * renders what an experiment's augmentations do to its first training images, as a PNG grid
 * ({@code workbench augment-preview}).
 */
package org.cnnworkbench.engine.data;
