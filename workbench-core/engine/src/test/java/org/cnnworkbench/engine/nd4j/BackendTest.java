package org.cnnworkbench.engine.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class BackendTest {

    @BeforeAll
    static void prepare() {
        Backend.prepare();
    }

    @Test
    void cpuBackendLoadsTheOnednnBuildAndAllowsLayerHelpers() {
        assertThat(Backend.isCpu()).isTrue();
        assertThat(Backend.describe()).containsEntry("platform_extension", "-onednn");
        assertThat(Backend.helpersEnabled()).as("oneDNN helpers (see Nd4jCpu compatibility class)").isTrue();
        assertThat(Backend.summaryLine()).contains("oneDNN layer helpers on");
    }

    @Test
    void javacppPhysicalMemoryCheckIsOffWhileItsHeapBoundStaysOn() {
        Backend.load();
        assertThat(org.bytedeco.javacpp.Pointer.maxPhysicalBytes()).as("no /proc read per native allocation").isZero();
        assertThat(org.bytedeco.javacpp.Pointer.maxBytes()).as("JavaCPP still calls the GC past this many native bytes").isPositive();
    }

    @Test
    void convolutionAndPoolingLayersOfABuiltNetworkGetTheirOnednnHelper() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(12, 12, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        assertThat(net.getLayer(0).getHelper()).isNotNull();
        assertThat(net.getLayer(0).getHelper().getClass().getSimpleName()).isEqualTo("MKLDNNConvHelper");
        assertThat(net.getLayer(1).getHelper()).isNotNull();
        assertThat(net.getLayer(1).getHelper().getClass().getSimpleName()).isEqualTo("MKLDNNSubsamplingHelper");
    }
}
