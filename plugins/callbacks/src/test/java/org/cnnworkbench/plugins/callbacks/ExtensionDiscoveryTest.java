package org.cnnworkbench.plugins.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cnnworkbench.api.TrainingCallback;
import org.cnnworkbench.testkit.ExtensionContract;
import org.cnnworkbench.testkit.ExtensionIndex;
import org.junit.jupiter.api.Test;

/** PF4J finds this module's extensions through the index its annotation processor wrote, and each keeps the contract. */
class ExtensionDiscoveryTest {

    @Test
    void pf4jFindsEveryExtensionOfThisModuleAndEachKeepsTheContract() {
        List<TrainingCallback> found = ExtensionIndex.extensionsOf(TrainingCallback.class);

        assertThat(found).extracting(extension -> extension.getClass().getSimpleName()).contains("EarlyStopping");
        found.forEach(ExtensionContract::check);
    }
}
