/**
 * Built-in dataset providers, each a {@link org.cnnworkbench.api.DatasetProvider} extension:
 * <ul>
 *   <li>{@code idx} ({@link org.cnnworkbench.plugins.datasets.IdxDatasetProvider}): MNIST-style IDX
 *       files, gzip-compressed or raw;</li>
 *   <li>{@code cifar10} and {@code cifar100} ({@link org.cnnworkbench.plugins.datasets.Cifar10DatasetProvider},
 *       {@link org.cnnworkbench.plugins.datasets.Cifar100DatasetProvider}): the binary versions of CIFAR;</li>
 *   <li>{@code image-folder} ({@link org.cnnworkbench.plugins.datasets.ImageFolderDatasetProvider}):
 *       a sub-folder of PNG/JPEG/BMP/GIF images per class, resized, RGB or grayscale;</li>
 *   <li>{@code csv} ({@link org.cnnworkbench.plugins.datasets.CsvDatasetProvider}): feature columns and
 *       a label column, as 1-D sequences for Conv1D;</li>
 *   <li>{@code shapes} ({@link org.cnnworkbench.plugins.datasets.ShapesDatasetProvider}): generated
 *       circles, squares and triangles.</li>
 * </ul>
 * Image pixels stay 8-bit in memory ({@link org.cnnworkbench.plugins.datasets.ByteSamples}) and are
 * scaled to [0, 1] as the engine reads them. Validation and test parts that are not given as files
 * are held out by class share, seeded ({@link org.cnnworkbench.plugins.datasets.HoldOut}). A user's
 * mistake is a {@link org.cnnworkbench.api.PluginInputException} naming the parameter, the file,
 * what was found and what is expected. Each provider extends
 * {@link org.cnnworkbench.api.ConfigurableExtension} for its id, description and parameters; the
 * {@code train_limit}/{@code test_limit} pair of the file readers is declared once in
 * {@link org.cnnworkbench.plugins.datasets.SampleLimits}. The package uses the plugin API
 * ({@code org.cnnworkbench.api}), PF4J, the JDK (ImageIO for images) and SLF4J, nothing else of the
 * workbench.
 */
package org.cnnworkbench.plugins.datasets;
