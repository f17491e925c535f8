/**
 * Image helpers that plugins and the application share, so that one rule lives in one place:
 * {@link org.cnnworkbench.api.data.Pixels} prepares a decoded image as model input (resize,
 * grayscale or RGB) for image datasets and prediction alike; {@link org.cnnworkbench.api.data.Shapes}
 * draws the generated circles / squares / triangles set that the {@code shapes} dataset and
 * {@code workbench datasets make-shapes} both use. Pure Java (java.awt), no state.
 */
package org.cnnworkbench.api.data;
