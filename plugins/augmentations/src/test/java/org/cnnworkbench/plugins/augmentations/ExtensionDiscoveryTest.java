package org.cnnworkbench.plugins.augmentations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.cnnworkbench.api.Augmentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;

/** PF4J finds the extensions through the index its annotation processor wrote at compile time. */
class ExtensionDiscoveryTest {

    @Test
    void pf4jFindsEveryExtensionOfThisModule(@TempDir Path noPlugins) {
        PluginManager manager = new DefaultPluginManager(noPlugins);
        manager.loadPlugins();
        manager.startPlugins();

        assertThat(manager.getExtensions(Augmentation.class))
                .extracting(extension -> extension.getClass().getSimpleName())
                .contains("HorizontalFlip");
    }
}
