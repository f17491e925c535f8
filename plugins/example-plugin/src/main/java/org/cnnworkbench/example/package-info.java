/**
 * An example plugin, written to be read and copied: one small, complete extension of each kind (and a
 * second architecture, to show a graph beside the stack).
 * <ul>
 *   <li>{@link org.cnnworkbench.example.BlobsDataset} ({@code example-blobs}) generates a labelled
 *       image set from a seed, so it runs anywhere without files;</li>
 *   <li>{@link org.cnnworkbench.example.TinyCnnFactory} ({@code example-tiny-cnn}) builds a
 *       convolution, a max pooling, a dense layer and a softmax head (a layer stack);</li>
 *   <li>{@link org.cnnworkbench.example.TinyResNetFactory} ({@code example-tiny-resnet}) builds the
 *       same kind of classifier as a layer graph around one residual block (an {@code Add});</li>
 *   <li>{@link org.cnnworkbench.example.InvertAugmentation} ({@code example-invert}) turns
 *       training images into their negatives with a given probability;</li>
 *   <li>{@link org.cnnworkbench.example.GapLoggerCallback} ({@code example-gap-logger}) records
 *       the train-validation gap of each epoch and says when it keeps growing.</li>
 * </ul>
 * {@code workbench new-plugin NAME} copies these sources and their tests into a new, standalone
 * Maven project, renaming this package and the prefix of the ids. Each extension implements
 * {@code id()}, {@code description()} and {@code parameters()} itself, so that the example shows
 * the whole contract; like any plugin, the package uses only the plugin API, PF4J and DL4J/ND4J.
 */
package org.cnnworkbench.example;
