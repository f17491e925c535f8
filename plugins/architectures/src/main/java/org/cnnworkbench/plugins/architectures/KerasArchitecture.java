package org.cnnworkbench.plugins.architectures;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.api.ArchitectureFactory;
import org.cnnworkbench.api.ConfigurableExtension;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;

/**
 * What the built-in networks of Keras layers share: their id, description and parameters (their
 * own, then {@code l1} and {@code l2}, see {@link WeightPenalty}), and the {@link LayerStack} each
 * build starts from, named after the architecture and with the penalty the parameters ask for.
 */
abstract class KerasArchitecture extends ConfigurableExtension implements ArchitectureFactory {

    /** @param own the architecture's own parameters; {@code l1} and {@code l2} follow them */
    KerasArchitecture(String id, String description, ParamSpec... own) {
        super(id, description, withPenalty(own));
    }

    /**
     * An empty stack for this architecture, with the {@code activation} and the {@code l1}/{@code l2}
     * penalty of {@code params}.
     */
    LayerStack stack(Params params) {
        return new LayerStack(id(), Knobs.activation(params)).penalise(WeightPenalty.of(params));
    }

    private static List<ParamSpec> withPenalty(ParamSpec... own) {
        List<ParamSpec> all = new ArrayList<>(List.of(own));
        all.addAll(WeightPenalty.parameters());
        return all;
    }
}
