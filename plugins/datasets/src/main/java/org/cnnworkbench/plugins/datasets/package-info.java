/**
 * Built-in dataset providers. {@link org.cnnworkbench.plugins.datasets.IdxDatasetProvider}
 * ({@code idx}) reads MNIST-style IDX files, gzip-compressed or raw, keeps pixels as bytes and
 * splits a validation part off the training files by class when no validation files are given.
 */
package org.cnnworkbench.plugins.datasets;
