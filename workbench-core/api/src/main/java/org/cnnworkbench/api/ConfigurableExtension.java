package org.cnnworkbench.api;

import java.util.List;
import java.util.Objects;

/**
 * A convenience base for an extension whose {@link Configurable} declaration is fixed: it takes the
 * id, the description and the parameters once, in its constructor, and returns them unchanged on
 * every call, as the engine requires. An extension extends it and implements its extension point,
 * e.g. {@code public class Mirror extends ConfigurableExtension implements Augmentation}, with a
 * public no-argument constructor that passes its declaration to {@code super}. Implementing the
 * three methods directly works just as well.
 */
public abstract class ConfigurableExtension implements Configurable {
    private final String id;
    private final String description;
    private final List<ParamSpec> parameters;

    /**
     * @param id the id experiment files use as {@code type:}
     * @param description the one line {@code workbench plugins} shows
     * @param parameters the declared parameters, in order; empty when it takes none
     */
    protected ConfigurableExtension(String id, String description, List<ParamSpec> parameters) {
        this.id = Objects.requireNonNull(id, "id");
        this.description = Objects.requireNonNull(description, "description");
        this.parameters = List.copyOf(parameters);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<ParamSpec> parameters() {
        return parameters;
    }
}
