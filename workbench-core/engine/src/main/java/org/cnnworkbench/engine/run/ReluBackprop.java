package org.cnnworkbench.engine.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A faster ReLU backward pass for the duration of a training loop. ND4J's {@link ActivationReLU}
 * computes its gradient with libnd4j's {@code relu_bp} op, which runs a per-element lambda: about
 * 2–3 ns per element on one core, 15 % of a small-cnn epoch's native time (bench/README.md). The
 * same gradient, {@code epsilon} where the pre-activation is positive and 0 elsewhere, takes two
 * vectorised passes: ND4J's {@code step} op (x &gt; 0 ? 1 : 0) and a multiplication, about 0.5 ns
 * per element. Both write into the pre-activation array, as ND4J's own tanh does.
 *
 * <p>{@link #install} swaps the activation of every layer with a plain ReLU (no maximum,
 * threshold or negative slope) whose type is one it is tested on ({@link #TESTED_LAYERS}: DL4J's
 * 2-D convolution and dense layers; a subclass such as a 1-D or separable convolution is not one)
 * and {@link #close} puts the originals back, so that checkpoints,
 * saved models and configuration JSON only ever contain ND4J's own class and load in plain DL4J.
 * The forward pass is ND4J's. One difference: where the pre-activation is not positive and the
 * incoming gradient is NaN or infinite, the result is NaN instead of 0 (a diverged step either way).
 */
final class ReluBackprop implements AutoCloseable {
    /** The layer configurations whose backward pass with the swap is tested against DL4J's (ReluBackpropTest). */
    static final Set<Class<? extends BaseLayer>> TESTED_LAYERS = Set.of(ConvolutionLayer.class, DenseLayer.class);

    private final List<BaseLayer> layers = new ArrayList<>();
    private final List<IActivation> originals = new ArrayList<>();

    private ReluBackprop() {
    }

    /** Swaps the activation of the network's plain-ReLU layers until {@link #close()}. */
    static ReluBackprop install(MultiLayerNetwork net) {
        ReluBackprop swap = new ReluBackprop();
        for (Layer layer : net.getLayers()) {
            if (layer.conf() != null && layer.conf().getLayer() instanceof BaseLayer conf
                    && TESTED_LAYERS.contains(conf.getClass()) && plainRelu(conf.getActivationFn())) {
                swap.layers.add(conf);
                swap.originals.add(conf.getActivationFn());
                conf.setActivationFn(new StepRelu((ActivationReLU) conf.getActivationFn()));
            }
        }
        return swap;
    }

    static boolean plainRelu(IActivation activation) {
        return activation != null && activation.getClass() == ActivationReLU.class
                && ((ActivationReLU) activation).getMax() == null
                && ((ActivationReLU) activation).getThreshold() == null
                && ((ActivationReLU) activation).getNegativeSlope() == null;
    }

    /** How many layers use the faster backward pass. */
    int swapped() {
        return layers.size();
    }

    @Override
    public void close() {
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).setActivationFn(originals.get(i));
        }
        layers.clear();
        originals.clear();
    }

    /** ND4J's ReLU forward; the backward pass as step(z) * epsilon, in place. */
    static final class StepRelu extends BaseActivationFunction {
        private final ActivationReLU relu;

        StepRelu(ActivationReLU relu) {
            this.relu = relu;
        }

        @Override
        public INDArray getActivation(INDArray in, boolean training) {
            return relu.getActivation(in, training);
        }

        @Override
        public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
            assertShape(in, epsilon);
            Nd4j.getExecutioner().exec(new Step(in, in, 0.0));
            return new Pair<>(in.muli(epsilon), null);
        }

        @Override
        public String toString() {
            return relu.toString();
        }
    }
}
