package org.cnnworkbench.plugins.architectures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cnnworkbench.api.ArchitectureFactory;
import org.cnnworkbench.testkit.ExtensionContract;
import org.cnnworkbench.testkit.ExtensionIndex;
import org.junit.jupiter.api.Test;

/** PF4J finds this module's extensions through the index its annotation processor wrote, and each keeps the contract. */
class ExtensionDiscoveryTest {

    @Test
    void pf4jFindsEveryExtensionOfThisModuleAndEachKeepsTheContract() {
        List<ArchitectureFactory> found = ExtensionIndex.extensionsOf(ArchitectureFactory.class);

        assertThat(found).extracting(ArchitectureFactory::id).containsExactlyInAnyOrder(
                "mlp", "mlp-800", "small-cnn", "lenet5", "lenet5-relu", "two-conv", "conv-pool", "cifar-bn-cnn",
                "keras-cifar10", "small-vggnet", "cars-cnn", "catsdogs-cnn", "conv1d-telemetry", "keras-json", "from-run",
                "resnet", "resnet50", "vgg16", "mobilenet-v2");
        found.forEach(ExtensionContract::check);
    }
}
