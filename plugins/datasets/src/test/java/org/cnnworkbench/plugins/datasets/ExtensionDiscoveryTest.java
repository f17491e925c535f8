package org.cnnworkbench.plugins.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cnnworkbench.api.DatasetProvider;
import org.cnnworkbench.testkit.ExtensionContract;
import org.cnnworkbench.testkit.ExtensionIndex;
import org.junit.jupiter.api.Test;

/** PF4J finds this module's extensions through the index its annotation processor wrote, and each keeps the contract. */
class ExtensionDiscoveryTest {

    @Test
    void pf4jFindsEveryExtensionOfThisModuleAndEachKeepsTheContract() {
        List<DatasetProvider> found = ExtensionIndex.extensionsOf(DatasetProvider.class);

        assertThat(found).extracting(extension -> extension.getClass().getSimpleName()).containsExactlyInAnyOrder(
                "IdxDatasetProvider", "Cifar10DatasetProvider", "Cifar100DatasetProvider", "ImageFolderDatasetProvider",
                "CsvDatasetProvider", "ShapesDatasetProvider");
        assertThat(found).extracting(DatasetProvider::id).containsExactlyInAnyOrder("idx", "cifar10", "cifar100",
                "image-folder", "csv", "shapes");
        found.forEach(ExtensionContract::check);
    }
}
