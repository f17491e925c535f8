package org.cnnworkbench.api;

import java.util.List;

/**
 * What every extension declares about itself: a stable id that experiment files use as
 * {@code type:}, a one-line description, and its parameters. The engine reads these before
 * anything runs, to validate files and to list plugins; they must not change between calls.
 */
public interface Configurable {

    /** The id experiment files refer to, in kebab-case (e.g. {@code small-cnn}); unique per kind. */
    String id();

    /** One line for {@code workbench plugins} and the UI. */
    String description();

    /** The declared parameters; an empty list when the extension takes none. */
    List<ParamSpec> parameters();
}
