package org.cnnworkbench.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class ModelSummaryTest {

    @Test
    void listsLayersLikeKerasWithFlattenRowsAndBatchNormStatisticsAsNonTrainable() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).name("conv2d").activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().name("batch_normalization").build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).name("max_pooling2d").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).name("dense").activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();

        ModelSummary summary = ModelSummary.of(conf, InputType.convolutional(28, 28, 1));

        assertThat(summary.layers()).extracting(ModelSummary.Row::name)
                .containsExactly("conv2d", "batch_normalization", "max_pooling2d", "flatten", "dense");
        assertThat(summary.layers()).extracting(ModelSummary.Row::type)
                .containsExactly("Conv2D", "BatchNormalization", "MaxPooling2D", "Flatten", "Dense");
        assertThat(summary.layers()).extracting(ModelSummary.Row::outputShape)
                .containsExactly("(None, 26, 26, 8)", "(None, 26, 26, 8)", "(None, 13, 13, 8)", "(None, 1352)", "(None, 10)");
        // Keras: conv 80, batch norm 32 (16 trainable), dense 1352*10+10 = 13,530.
        assertThat(summary.layers()).extracting(ModelSummary.Row::params).containsExactly(80L, 32L, 0L, 0L, 13_530L);
        assertThat(summary.totalParams()).isEqualTo(13_642);
        assertThat(summary.nonTrainableParams()).isEqualTo(16);
        assertThat(summary.toText()).contains("Total params: 13,642", "Trainable params: 13,626", "flatten (Flatten)");
    }
}
