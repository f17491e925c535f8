package org.cnnworkbench.engine.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.network.Network;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Which of the training loop's faster backward passes a trial uses: {@link ReluBackprop} for its
 * ReLU layers and {@link InputGradientSkip} for its first convolution. Both are on unless the
 * experiment sets {@code training.fast_backprop: false}, and each only where the network has a
 * layer it serves. The run's provenance records which were active.
 *
 * @param reluBackward            whether ReLU layers compute their gradient as step(z) × ε
 * @param firstConvInputGradient  whether the first convolution skips the gradient for the input images
 * @param graph                   whether the network is a graph: the passes replace layers of a stack, so a
 *                                graph trains with DL4J's own (both off, and provenance says why)
 */
record FastBackprop(boolean reluBackward, boolean firstConvInputGradient, boolean graph) {

    FastBackprop(boolean reluBackward, boolean firstConvInputGradient) {
        this(reluBackward, firstConvInputGradient, false);
    }

    /** The passes {@code net} gets when {@code enabled}: found by installing them and putting the originals back. */
    static FastBackprop of(boolean enabled, Network network) {
        // The faster passes replace layers of a stack; a graph trains with DL4J's own (recorded so in provenance).
        MultiLayerNetwork net = network.stack();
        if (net == null) {
            return new FastBackprop(false, false, true);
        }
        if (!enabled) {
            return new FastBackprop(false, false);
        }
        try (ReluBackprop relu = ReluBackprop.install(net); InputGradientSkip skip = InputGradientSkip.install(net)) {
            return new FastBackprop(relu.swapped() > 0, skip.installed());
        }
    }

    /** Installs the passes on {@code net} until the returned handle is closed. */
    Installed install(Network network) {
        MultiLayerNetwork net = network.stack();
        if (net == null) {
            return new Installed(null, null);
        }
        return new Installed(reluBackward ? ReluBackprop.install(net) : null,
                firstConvInputGradient ? InputGradientSkip.install(net) : null);
    }

    /** Installs the passes on each of {@code nets} (a trial's replicas) until the returned handle is closed. */
    Handle installAll(List<MultiLayerNetwork> nets) {
        List<Installed> installed = new ArrayList<>();
        for (MultiLayerNetwork net : nets) {
            installed.add(install(new Network.Stack(net)));
        }
        return () -> installed.forEach(Installed::close);
    }

    /** For the run's provenance: {@code {relu_backward: ..., first_conv_input_gradient: ...}}. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("relu_backward", reluBackward);
        m.put("first_conv_input_gradient", firstConvInputGradient);
        if (graph) {
            m.put("off_for_graphs", "the network is a graph; the faster backward passes are for layer stacks");
        }
        return m;
    }

    /** Installed passes; {@link #close()} puts DL4J's own back. */
    interface Handle extends AutoCloseable {
        @Override
        void close();
    }

    /** The installed passes of one network; {@link #close()} puts DL4J's own back. */
    record Installed(ReluBackprop relu, InputGradientSkip skip) implements Handle {
        @Override
        public void close() {
            try (ReluBackprop r = relu; InputGradientSkip s = skip) {
                // Both closed, the one not installed (null) skipped.
            }
        }
    }
}
