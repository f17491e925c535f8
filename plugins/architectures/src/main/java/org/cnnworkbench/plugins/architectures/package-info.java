/**
 * Built-in architectures, as the course materials define them in Keras:
 * {@link org.cnnworkbench.plugins.architectures.Lenet5Factory} ({@code lenet5}) and
 * {@link org.cnnworkbench.plugins.architectures.SmallCnnFactory} ({@code small-cnn}). Layers are
 * NCHW and named as Keras names them ({@code conv2d}, {@code conv2d_1}, {@code dense}, ...), so a
 * model summary reads like the notebook's; {@link org.cnnworkbench.plugins.architectures.LayerStack}
 * holds what the factories share.
 */
package org.cnnworkbench.plugins.architectures;
