package org.cnnworkbench.plugins.augmentations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cnnworkbench.api.Augmentation;
import org.cnnworkbench.testkit.ExtensionContract;
import org.cnnworkbench.testkit.ExtensionIndex;
import org.junit.jupiter.api.Test;

/** PF4J finds this module's extensions through the index its annotation processor wrote, and each keeps the contract. */
class ExtensionDiscoveryTest {

    @Test
    void pf4jFindsEveryExtensionOfThisModuleAndEachKeepsTheContract() {
        List<Augmentation> found = ExtensionIndex.extensionsOf(Augmentation.class);

        assertThat(found).extracting(Augmentation::id).containsExactlyInAnyOrder("rotation", "shift", "shear", "zoom", "affine",
                "horizontal-flip", "vertical-flip", "brightness", "contrast", "invert", "channel-shift");
        found.forEach(ExtensionContract::check);
    }
}
