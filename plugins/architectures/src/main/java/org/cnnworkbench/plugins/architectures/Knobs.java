package org.cnnworkbench.plugins.architectures;

import java.util.List;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.nd4j.linalg.activations.Activation;

/**
 * The parameters that the built-in architectures share, declared once: their names, types and
 * ranges. A factory gives only what is its own: the default and the words that say which layers a
 * parameter sets ("filters of " + what, "share of units dropped " + where + "; 0 = none", ...).
 */
final class Knobs {
    static final String FILTERS = "filters";
    static final String KERNEL_SIZE = "kernel_size";
    static final String POOL_SIZE = "pool_size";
    static final String DENSE_UNITS = "dense_units";
    static final String DROPOUT = "dropout";
    static final String DENSE_DROPOUT = "dense_dropout";
    static final String ACTIVATION = "activation";

    /** The largest count of units a dense layer may have. */
    private static final int MAX_UNITS = 65536;
    /** The largest side of a square 2-D kernel. */
    private static final int MAX_SQUARE_KERNEL = 15;
    /** The largest share of units a dropout may drop. */
    private static final double MAX_DROPOUT = 0.9;

    private Knobs() {
    }

    /** {@code filters} (at least 1, at most {@code max}): "filters of " + {@code what}. */
    static ParamSpec filters(int defaultValue, int max, String what) {
        return filters(FILTERS, defaultValue, max, what);
    }

    /** A filter count under another name, e.g. {@code top_filters}. */
    static ParamSpec filters(String name, int defaultValue, int max, String what) {
        return ParamSpec.integer(name, defaultValue, 1, max, "filters of " + what);
    }

    /** {@code kernel_size} (1 to {@code max}) with its whole description. */
    static ParamSpec kernelSize(String name, int defaultValue, int max, String description) {
        return ParamSpec.integer(name, defaultValue, 1, max, description);
    }

    /** {@code kernel_size} of square 2-D kernels (1 to 15): "side of " + {@code whose}. */
    static ParamSpec squareKernel(int defaultValue, String whose) {
        return kernelSize(KERNEL_SIZE, defaultValue, MAX_SQUARE_KERNEL, "side of " + whose);
    }

    /** {@code pool_size} (1 to {@code max}) with its whole description. */
    static ParamSpec poolSize(int defaultValue, int max, String description) {
        return ParamSpec.integer(POOL_SIZE, defaultValue, 1, max, description);
    }

    /** Units of a dense layer (1 to 65,536): "units of " + {@code what}. */
    static ParamSpec units(String name, int defaultValue, String what) {
        return units(name, defaultValue, 1, what);
    }

    /** Units of a dense layer from {@code min} (0 when the layer may be left out) to 65,536. */
    static ParamSpec units(String name, int defaultValue, int min, String what) {
        return ParamSpec.integer(name, defaultValue, min, MAX_UNITS, "units of " + what);
    }

    /** {@code dense_units}, the dense layer before the output. */
    static ParamSpec denseUnits(int defaultValue) {
        return units(DENSE_UNITS, defaultValue, "the dense layer before the output");
    }

    /** {@code dropout} (0 to 0.9): "share of units dropped " + {@code where} + "; 0 = none". */
    static ParamSpec dropout(double defaultValue, String where) {
        return dropout(DROPOUT, defaultValue, where);
    }

    /** A dropout share under another name, e.g. {@code dense_dropout}. */
    static ParamSpec dropout(String name, double defaultValue, String where) {
        return ParamSpec.number(name, defaultValue, 0, MAX_DROPOUT, "share of units dropped " + where + "; 0 = none");
    }

    /** {@code dense_dropout}, after the dense layer before the output. */
    static ParamSpec denseDropout(double defaultValue) {
        return dropout(DENSE_DROPOUT, defaultValue, "after the dense layer");
    }

    /**
     * The knobs of a CIFAR-style net of convolution blocks under a dense head, after its {@code filters}:
     * {@code dense_units} (512), {@code dropout} (0.25) {@code where} (after each block's pooling),
     * {@code dense_dropout} and the {@code activation} (relu) of the convolutions and the dense layer.
     */
    static ParamSpec[] blocksUnderDenseHead(String where, double denseDropout, ParamSpec... filters) {
        List<ParamSpec> all = new java.util.ArrayList<>(List.of(filters));
        all.addAll(List.of(denseUnits(512), dropout(0.25, where), denseDropout(denseDropout),
                activation("relu", "the convolutions and the dense layer")));
        return all.toArray(ParamSpec[]::new);
    }

    /** {@code activation}, one of {@link LayerStack#ACTIVATIONS}: "activation of " + {@code what}. */
    static ParamSpec activation(String defaultValue, String what) {
        return activation(defaultValue, LayerStack.ACTIVATIONS, what);
    }

    /** {@code activation} from a list of its own. */
    static ParamSpec activation(String defaultValue, List<String> allowed, String what) {
        return ParamSpec.choice(ACTIVATION, defaultValue, allowed, "activation of " + what);
    }

    /** The DL4J activation the validated {@code activation} parameter names. */
    static Activation activation(Params params) {
        return LayerStack.activation(params.getString(ACTIVATION));
    }
}
