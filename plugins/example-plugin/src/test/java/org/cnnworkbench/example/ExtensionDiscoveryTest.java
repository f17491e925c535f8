package org.cnnworkbench.example;

import static org.assertj.core.api.Assertions.assertThat;

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
 * PF4J finds every extension of this plugin through the index its annotation processor writes
 * for {@code @Extension} classes (forget the annotation and the extension is missing here), and
 * each keeps the contract of its declarations: kebab-case id, description, sound parameters.
 */
class ExtensionDiscoveryTest {

    @Test
    void pf4jFindsOneExtensionOfEachKindAndEachKeepsTheContract() {
        List<Configurable> found = List.of(
                only(ExtensionIndex.extensionsOf(DatasetProvider.class)),
                only(ExtensionIndex.extensionsOf(ArchitectureFactory.class)),
                only(ExtensionIndex.extensionsOf(Augmentation.class)),
                only(ExtensionIndex.extensionsOf(TrainingCallback.class)));

        assertThat(found).extracting(Configurable::id)
                .containsExactly("example-blobs", "example-tiny-cnn", "example-invert", "example-gap-logger");
        found.forEach(ExtensionContract::check);
    }

    private static Configurable only(List<? extends Configurable> extensions) {
        assertThat(extensions).hasSize(1);
        return extensions.get(0);
    }
}
