package org.cnnworkbench.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.cnnworkbench.engine.WorkbenchException;
import org.junit.jupiter.api.Test;

class OverridePathTest {

    @Test
    void parsesFieldsAndListIndexes() {
        assertThat(OverridePath.parse("augmentations[0].params.rotation", "x")).containsExactly("augmentations", 0, "params", "rotation");
        assertThat(OverridePath.parse("training.learning_rate", "x")).containsExactly("training", "learning_rate");
        assertThat(OverridePath.parse("grid[1][2]", "x")).isEqualTo(List.of("grid", 1, 2));
    }

    @Test
    void setCreatesMissingMappingsAndReturnsThePointer() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        String pointer = OverridePath.set(root, "architecture.params.dropout", JsonNodeFactory.instance.numberNode(0.3), "--set");

        assertThat(pointer).isEqualTo("/architecture/params/dropout");
        assertThat(root.at(pointer).asDouble()).isEqualTo(0.3);
    }

    @Test
    void malformedPathsAreRefusedWithAnExample() {
        for (String bad : new String[] {"", "a..b", "a[x]", "a[1", ".a"}) {
            assertThatThrownBy(() -> OverridePath.parse(bad, "--set " + bad + "=1"))
                    .as(bad).isInstanceOf(WorkbenchException.class).hasMessageContaining("e.g. augmentations[0].params.probability");
        }
    }
}
