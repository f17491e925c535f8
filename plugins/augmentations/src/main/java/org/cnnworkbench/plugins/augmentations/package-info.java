/**
 * Built-in training-time augmentations, after Keras' ImageDataGenerator. Geometric:
 * {@link org.cnnworkbench.plugins.augmentations.Rotation} ({@code rotation}),
 * {@link org.cnnworkbench.plugins.augmentations.Shift} ({@code shift}),
 * {@link org.cnnworkbench.plugins.augmentations.Shear} ({@code shear}) and
 * {@link org.cnnworkbench.plugins.augmentations.Zoom} ({@code zoom}), and all four in one resampling as
 * Keras does, {@link org.cnnworkbench.plugins.augmentations.Affine} ({@code affine}), all through one bilinear
 * {@link org.cnnworkbench.plugins.augmentations.AffineWarp} about the image centre with Keras' fill
 * modes ({@link org.cnnworkbench.plugins.augmentations.Fill});
 * {@link org.cnnworkbench.plugins.augmentations.HorizontalFlip} ({@code horizontal-flip}) and
 * {@link org.cnnworkbench.plugins.augmentations.VerticalFlip} ({@code vertical-flip}). Per value:
 * {@link org.cnnworkbench.plugins.augmentations.Brightness} ({@code brightness}),
 * {@link org.cnnworkbench.plugins.augmentations.Contrast} ({@code contrast}),
 * {@link org.cnnworkbench.plugins.augmentations.Invert} ({@code invert}) and
 * {@link org.cnnworkbench.plugins.augmentations.ChannelShift} ({@code channel-shift}).
 *
 * <p>Each transform takes its randomness only from the Random the engine passes, and draws a fixed,
 * documented count of numbers per image, so runs repeat. None keeps state between images: a
 * geometric warp allocates one copy of the image per call, so a transform may serve several data
 * threads at once. Values stay in {@code [0, 1]} when they start there.
 *
 * <p>What they share is written once: each extends {@link org.cnnworkbench.api.ConfigurableExtension}
 * for its id, description and parameters; {@link org.cnnworkbench.plugins.augmentations.Flip} is the
 * base of the two flips and {@link org.cnnworkbench.plugins.augmentations.RandomAngle} of rotation and
 * shear; {@link org.cnnworkbench.plugins.augmentations.Chance} holds the {@code probability} of the
 * all-or-nothing ones, {@link org.cnnworkbench.plugins.augmentations.Values} the loop over every value,
 * {@link org.cnnworkbench.plugins.augmentations.Uniform} the draws. The package uses the plugin API
 * ({@code org.cnnworkbench.api}) and PF4J's {@code @Extension}, nothing else of the workbench.
 */
package org.cnnworkbench.plugins.augmentations;
