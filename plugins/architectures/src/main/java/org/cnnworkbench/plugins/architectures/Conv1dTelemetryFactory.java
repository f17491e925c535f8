package org.cnnworkbench.plugins.architectures;

import static org.cnnworkbench.plugins.architectures.Knobs.*;

import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.plugins.architectures.LayerStack.Padding;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.pf4j.Extension;

/**
 * The spacecraft-telemetry network: Conv1D(256, 4, relu, same) → MaxPool1D(2) → Conv1D(128, 2,
 * relu, same) → GlobalMaxPool1D → Dense(1, sigmoid) with binary cross-entropy. It takes sequences
 * (channels × length, NCW), as the csv dataset gives them: by default each row is one sample whose
 * feature columns form a sequence of that length with one channel.
 *
 * <p>The head is one sigmoid unit when the dataset has two classes (labels are one 0/1 column);
 * with more than two classes it is {@code classCount()} softmax units with cross-entropy instead.
 *
 * <p>On the telemetry rows (9 features: length 9, 1 channel) with two classes it has 67,073
 * parameters: 4·1·256 + 256 = 1,280; 2·256·128 + 128 = 65,664; 128 + 1 = 129. It takes sequences
 * of at least 2 steps.
 */
@Extension
public class Conv1dTelemetryFactory extends KerasArchitecture {
    static final String FILTERS_2 = "filters_2";
    static final String KERNEL_SIZE_2 = "kernel_size_2";

    public Conv1dTelemetryFactory() {
        super("conv1d-telemetry",
                "1-D CNN for rows of sensor values: two same 1-D convolutions, global max pooling, one sigmoid unit",
                filters(256, 4096, "the first 1-D convolution"),
                filters(FILTERS_2, 128, 4096, "the second 1-D convolution"),
                kernelSize(KERNEL_SIZE, 4, 64, "kernel length of the first 1-D convolution"),
                kernelSize(KERNEL_SIZE_2, 2, 64, "kernel length of the second 1-D convolution"),
                poolSize(2, 64, "length (and stride) of the max pooling window"),
                dropout(0, "before the head"),
                activation("relu", "the convolutions"));
    }

    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        return stack(params)
                .conv1d(params.getInt(FILTERS), params.getInt(KERNEL_SIZE), Padding.SAME)
                .maxPool1d(params.getInt(POOL_SIZE))
                .conv1d(params.getInt(FILTERS_2), params.getInt(KERNEL_SIZE_2), Padding.SAME)
                .globalMaxPool()
                .dropout(params.getDouble(DROPOUT))
                .binaryOrSoftmaxOutput(context);
    }
}
