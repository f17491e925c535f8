package org.cnnworkbench.engine.run;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The first layer's backward pass without the gradient with respect to the network's input, which
 * nothing uses. libnd4j's oneDNN {@code conv2d_bp} always computes it, and for a one-channel image
 * oneDNN pads it to a block of 16 channels: on small-cnn that step and the reorders of the output
 * gradient it needs were about a quarter of oneDNN's time per step (bench/README.md).
 *
 * <p>{@link #install} gives the network's first layer, when it is a plain 2-D convolution on the
 * oneDNN helper (NCHW, FLOAT, no dilation, no dropout on its input, no input preprocessor), a helper
 * that keeps oneDNN's forward pass and computes the weight and bias gradients itself: im2col of the
 * input (cheap for few input channels) and one matrix product per example, accumulated, exactly
 * the sums oneDNN computes. It returns no input gradient, which DL4J accepts for the first layer
 * of a {@link MultiLayerNetwork} fitted without asking for one. {@link #close} puts oneDNN's helper
 * back, so evaluation, {@code computeGradientAndScore} with an input gradient, and saved models are
 * as before. Helpers are transient, so nothing of this reaches a checkpoint.
 */
final class InputGradientSkip implements AutoCloseable {
    private static final Field HELPER = helperField();

    private final ConvolutionLayer layer;
    private final ConvolutionHelper original;

    private InputGradientSkip(ConvolutionLayer layer, ConvolutionHelper original) {
        this.layer = layer;
        this.original = original;
    }

    /** Swaps the first layer's helper until {@link #close()}; does nothing when the network does not qualify. */
    static InputGradientSkip install(MultiLayerNetwork net) {
        if (HELPER == null || net.getnLayers() == 0 || net.getLayerWiseConfigurations().getInputPreProcess(0) != null) {
            return new InputGradientSkip(null, null);
        }
        Layer first = net.getLayer(0);
        if (first.getClass() != ConvolutionLayer.class || !(first.getHelper() instanceof MKLDNNConvHelper helper)) {
            return new InputGradientSkip(null, null);
        }
        ConvolutionLayer conv = (ConvolutionLayer) first;
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf = conv.layerConf();
        boolean plain = conf.getCnn2dDataFormat() == CNN2DFormat.NCHW && conf.getIDropout() == null
                && Arrays.stream(conf.getDilation()).allMatch(d -> d == 1) && conf.hasBias()
                && conf.getConvolutionMode() != ConvolutionMode.Causal;
        if (!plain) {
            return new InputGradientSkip(null, null);
        }
        setHelper(conv, new WeightsOnly(helper));
        return new InputGradientSkip(conv, helper);
    }

    /** Whether the first layer's helper was swapped. */
    boolean installed() {
        return layer != null;
    }

    @Override
    public void close() {
        if (layer != null) {
            setHelper(layer, original);
        }
    }

    private static void setHelper(ConvolutionLayer layer, ConvolutionHelper helper) {
        try {
            HELPER.set(layer, helper);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set the helper of " + layer, e);
        }
    }

    private static Field helperField() {
        try {
            Field field = ConvolutionLayer.class.getDeclaredField("helper");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // another DL4J version: train as DL4J does
        }
    }

    /** oneDNN's forward pass; weight and bias gradients by im2col and matrix products, no input gradient. */
    static final class WeightsOnly implements ConvolutionHelper {
        private final ConvolutionHelper oneDnn;
        private float[] inputCopy;
        private float[] colsCopy;

        WeightsOnly(ConvolutionHelper oneDnn) {
            this.oneDnn = oneDnn;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta, int[] kernel,
                int[] strides, int[] pad, INDArray biasGradView, INDArray weightGradView, IActivation afn, org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode mode,
                org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo bwdFilterAlgo, org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo bwdDataAlgo, ConvolutionMode convolutionMode,
                int[] dilation, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
            INDArray weightGrad2d = weightGradView == null ? null
                    : Shape.newShapeNoCopy(weightGradView, new long[] {weights.size(0), weights.length() / weights.size(0)}, false);
            if (weightGrad2d == null || format != CNN2DFormat.NCHW || input.dataType() != DataType.FLOAT
                    || weights.dataType() != DataType.FLOAT || delta.dataType() != DataType.FLOAT || input.rank() != 4) {
                return oneDnn.backpropGradient(input, weights, bias, delta, kernel, strides, pad, biasGradView, weightGradView, afn, mode,
                        bwdFilterAlgo, bwdDataAlgo, convolutionMode, dilation, format, workspaceMgr);
            }
            int batch = (int) input.size(0);
            int outChannels = (int) delta.size(1);
            int outH = (int) delta.size(2);
            int outW = (int) delta.size(3);
            int[] padding = convolutionMode == ConvolutionMode.Same
                    ? ConvolutionUtils.getSameModeTopLeftPadding(new int[] {outH, outW}, new int[] {(int) input.size(2), (int) input.size(3)},
                            kernel, strides, dilation)
                    : pad;
            int taps = (int) (input.size(1) * kernel[0] * kernel[1]);
            // One more row of ones makes the bias gradient (Σ delta) a column of the same product.
            int rows = biasGradView == null ? taps : taps + 1;

            INDArray cols = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
                    new long[] {batch, rows, (long) outH * outW}, 'c');
            im2col(contiguous(input), kernel, strides, padding, outH, outW, rows > taps, cols);
            INDArray delta3 = contiguous(delta).reshape('c', batch, outChannels, (long) outH * outW);

            // sums[o, t] = Σ_n Σ_p delta[n, o, p] · cols[n, t, p]: one small product per example, then the sum over examples.
            INDArray sums = Nd4j.matmul(delta3, cols, false, true, false).sum(0);
            weightGrad2d.assign(sums.get(NDArrayIndex.all(), NDArrayIndex.interval(0, taps)));
            Gradient gradient = new DefaultGradient();
            if (biasGradView != null) {
                biasGradView.assign(sums.get(NDArrayIndex.all(), NDArrayIndex.point(taps)).reshape(biasGradView.shape()));
                gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
            }
            gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
            return new Pair<>(gradient, null);
        }

        private static INDArray contiguous(INDArray array) {
            boolean plain = array.ordering() == 'c' && array.offset() == 0 && array.data().offset() == 0
                    && Shape.hasDefaultStridesForShape(array);
            return plain ? array : array.dup('c');
        }

        /**
         * cols[n, (c·kH + kh)·kW + kw, oh·outW + ow] = input[n, c, oh·sH − padH + kh, ow·sW − padW + kw], 0 outside the input, and
         * when {@code ones}, a last row of ones. Done in Java over copies of the two buffers, a row
         * span at a time: libnd4j's im2col took 2–6 ms for a 64×1×28×28 batch.
         */
        private void im2col(INDArray input, int[] kernel, int[] strides, int[] pad, int outH, int outW, boolean ones, INDArray cols) {
            int batch = (int) input.size(0);
            int channels = (int) input.size(1);
            int inH = (int) input.size(2);
            int inW = (int) input.size(3);
            int rows = (int) cols.size(1);
            int positions = outH * outW;
            float[] in = inputCopy = sized(inputCopy, (int) input.length());
            float[] out = colsCopy = sized(colsCopy, (int) cols.length());
            input.data().asNioFloat().get(0, in, 0, in.length);
            int sH = strides[0];
            int sW = strides[1];
            int o = 0;
            for (int n = 0; n < batch; n++) {
                for (int c = 0; c < channels; c++) {
                    int plane = (n * channels + c) * inH * inW;
                    for (int kh = 0; kh < kernel[0]; kh++) {
                        for (int kw = 0; kw < kernel[1]; kw++) {
                            // Output columns whose input column ow·sW − padW + kw lies inside the image.
                            int first = Math.min(outW, Math.max(0, -Math.floorDiv(kw - pad[1], sW)));
                            int end = Math.max(first, Math.min(outW, Math.floorDiv(inW - 1 + pad[1] - kw, sW) + 1));
                            for (int oh = 0; oh < outH; oh++, o += outW) {
                                int ih = oh * sH - pad[0] + kh;
                                if (ih < 0 || ih >= inH) {
                                    Arrays.fill(out, o, o + outW, 0f);
                                    continue;
                                }
                                Arrays.fill(out, o, o + first, 0f);
                                int from = plane + ih * inW + first * sW - pad[1] + kw;
                                if (sW == 1) {
                                    System.arraycopy(in, from, out, o + first, end - first);
                                } else {
                                    for (int ow = first; ow < end; ow++, from += sW) {
                                        out[o + ow] = in[from];
                                    }
                                }
                                Arrays.fill(out, o + end, o + outW, 0f);
                            }
                        }
                    }
                }
                if (ones) {
                    Arrays.fill(out, o, o + positions, 1f);
                    o += positions;
                }
            }
            if (o != out.length || rows * positions * batch != o) {
                throw new IllegalStateException("im2col wrote " + o + " values for " + Arrays.toString(cols.shape()));
            }
            cols.data().asNioFloat().put(0, out, 0, out.length);
        }

        private static float[] sized(float[] reuse, int length) {
            return reuse != null && reuse.length == length ? reuse : new float[length];
        }

        @Override
        public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
                org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode mode, org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo fwdAlgo, ConvolutionMode convolutionMode, int[] dilation,
                CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
            return oneDnn.preOutput(input, weights, bias, kernel, strides, pad, mode, fwdAlgo, convolutionMode, dilation, format, workspaceMgr);
        }

        @Override
        public INDArray activate(INDArray z, IActivation afn, boolean training) {
            return oneDnn.activate(z, afn, training);
        }

        @Override
        public boolean checkSupported() {
            return oneDnn.checkSupported();
        }

        @Override
        public Map<String, Long> helperMemoryUse() {
            return oneDnn.helperMemoryUse();
        }
    }
}
