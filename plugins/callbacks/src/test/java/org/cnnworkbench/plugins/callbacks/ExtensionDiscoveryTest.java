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

        assertThat(found).extracting(TrainingCallback::id).containsExactlyInAnyOrder("early-stopping",
                "model-checkpoint", "reduce-lr-on-plateau", "lr-schedule", "terminate-on-nan", "overfitting-alarm");
        found.forEach(ExtensionContract::check);
    }
}
