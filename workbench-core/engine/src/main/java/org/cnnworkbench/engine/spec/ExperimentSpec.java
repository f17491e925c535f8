package org.cnnworkbench.engine.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.ArchitectureFactory;
import org.cnnworkbench.api.Augmentation;
import org.cnnworkbench.api.DatasetProvider;
import org.cnnworkbench.api.TrainingCallback;

/**
 * A validated experiment: every plugin resolved, every parameter checked and defaulted. Created
 * by {@link ExperimentValidator}; nothing trains before one exists.
 *
 * @param resolved   the experiment as JSON with every default filled in (recorded with the run)
 * @param overrides  the {@code --set} arguments applied, by JSON pointer
 * @param hasSweep   whether the file has a {@code sweep:} section (run by {@code workbench sweep})
 */
public record ExperimentSpec(String name, Path file, Configured<DatasetProvider> dataset,
                             Configured<ArchitectureFactory> architecture, List<Configured<Augmentation>> augmentations,
                             TrainingSettings training, List<Configured<TrainingCallback>> callbacks,
                             ObjectNode resolved, Map<String, String> overrides, boolean hasSweep) {
    public ExperimentSpec {
        augmentations = List.copyOf(augmentations);
        callbacks = List.copyOf(callbacks);
        overrides = Map.copyOf(overrides);
    }
}
