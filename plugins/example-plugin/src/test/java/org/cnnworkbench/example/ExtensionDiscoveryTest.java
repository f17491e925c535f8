package org.cnnworkbench.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.api.ArchitectureFactory;
import org.cnnworkbench.api.Augmentation;
import org.cnnworkbench.api.Configurable;
import org.cnnworkbench.api.DatasetProvider;
import org.cnnworkbench.api.TrainingCallback;
import org.cnnworkbench.testkit.ExtensionContract;
import org.cnnworkbench.testkit.ExtensionIndex;
import org.junit.jupiter.api.Test;

/**
 * PF4J finds every extension of this plugin (one of each kind, and two architectures: a stack and a graph) through the index its annotation processor writes
 * for {@code @Extension} classes (forget the annotation and the extension is missing here), and
 * each keeps the contract of its declarations: kebab-case id, description, sound parameters.
 */
class ExtensionDiscoveryTest {

    @Test
    void pf4jFindsEachExtensionAndEachKeepsTheContract() {
        List<Configurable> found = new ArrayList<>();
        found.add(only(ExtensionIndex.extensionsOf(DatasetProvider.class)));
        List<? extends Configurable> architectures = ExtensionIndex.extensionsOf(ArchitectureFactory.class);
        assertThat(architectures).extracting(Configurable::id)
                .as("a layer stack and a layer graph").containsExactlyInAnyOrder("example-tiny-cnn", "example-tiny-resnet");
        found.addAll(architectures);
        found.add(only(ExtensionIndex.extensionsOf(Augmentation.class)));
        found.add(only(ExtensionIndex.extensionsOf(TrainingCallback.class)));

        assertThat(found).extracting(Configurable::id).containsExactlyInAnyOrder("example-blobs", "example-tiny-cnn",
                "example-tiny-resnet", "example-invert", "example-gap-logger");
        found.forEach(ExtensionContract::check);
    }

    private static Configurable only(List<? extends Configurable> extensions) {
        assertThat(extensions).hasSize(1);
        return extensions.get(0);
    }
}
