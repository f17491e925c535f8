package org.cnnworkbench.engine.plugin;

import java.util.List;
import org.cnnworkbench.api.ArchitectureFactory;
import org.cnnworkbench.api.Augmentation;
import org.cnnworkbench.api.Configurable;
import org.cnnworkbench.api.DatasetProvider;
import org.cnnworkbench.api.TrainingCallback;

/** The four extension points, with the names users see and the experiment-file section each fills. */
public enum ExtensionKind {
    DATASET("dataset", "dataset", DatasetProvider.class),
    ARCHITECTURE("architecture", "architecture", ArchitectureFactory.class),
    AUGMENTATION("augmentation", "augmentations", Augmentation.class),
    CALLBACK("callback", "callbacks", TrainingCallback.class);

    private final String label;
    private final String section;
    private final Class<? extends Configurable> type;

    ExtensionKind(String label, String section, Class<? extends Configurable> type) {
        this.label = label;
        this.section = section;
        this.type = type;
    }

    public String label() {
        return label;
    }

    /** The experiment file's section that names extensions of this kind. */
    public String section() {
        return section;
    }

    public Class<? extends Configurable> type() {
        return type;
    }

    public static List<ExtensionKind> all() {
        return List.of(values());
    }
}
