package org.cnnworkbench.plugins.architectures;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.global.hdf5;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes an HDF5 weights file laid out as tf.keras 2.x's {@code model.save_weights()} writes it
 * ({@code layer/layer/kernel:0}, {@code .../bias:0}, {@code gamma:0}, {@code moving_mean:0}, ...),
 * through the HDF5 library DL4J's import uses, so that tests need neither Keras nor h5py.
 */
final class KerasH5Writer {
    private final Map<String, Map<String, INDArray>> layers = new LinkedHashMap<>();

    /** Adds {@code tensor} (in Keras' layout) as weight {@code key} ({@code kernel}, {@code bias}, ...) of {@code layer}. */
    KerasH5Writer put(String layer, String key, INDArray tensor) {
        layers.computeIfAbsent(layer, k -> new LinkedHashMap<>()).put(key, tensor);
        return this;
    }

    void write(Path file) {
        try (H5File h5 = new H5File(file.toString(), hdf5.H5F_ACC_TRUNC())) {
            for (Map.Entry<String, Map<String, INDArray>> layer : layers.entrySet()) {
                try (Group outer = h5.createGroup(layer.getKey());
                     Group inner = outer.createGroup(layer.getKey())) {
                    for (Map.Entry<String, INDArray> weight : layer.getValue().entrySet()) {
                        INDArray tensor = weight.getValue().castTo(DataType.FLOAT).dup('c');
                        try (DataSpace space = new DataSpace(tensor.rank(), tensor.shape());
                             DataSet set = inner.createDataSet(weight.getKey() + ":0", PredType.NATIVE_FLOAT(), space);
                             FloatPointer data = new FloatPointer(tensor.data().asFloat())) {
                            set.write(data, PredType.NATIVE_FLOAT());
                        }
                    }
                }
            }
        }
    }
}
