package org.cnnworkbench.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.cnnworkbench.engine.WorkbenchException;
import org.junit.jupiter.api.Test;

class EnvironmentVariablesTest {
    private static final Map<String, String> ENV = Map.of("DATA", "/srv/data", "EMPTY", "");

    private static String expand(String text) {
        return EnvironmentVariables.substitute(text, "/dataset/params/dir", ENV, p -> "exp.yaml, line 4",
                Map.of("CIFAR10_DIR", "CIFAR-10's binary version (cifar-10-batches-bin), from https://www.cs.toronto.edu/~kriz/cifar.html"));
    }

    @Test
    void replacesSetVariablesAndUsesDefaultsForUnsetOrEmptyOnes() {
        assertThat(expand("${DATA}/cifar-10-batches-bin")).isEqualTo("/srv/data/cifar-10-batches-bin");
        assertThat(expand("${MISSING:-/tmp/x}/y")).isEqualTo("/tmp/x/y");
        assertThat(expand("${EMPTY:-fallback}")).isEqualTo("fallback");
        assertThat(expand("no references, $HOME stays")).isEqualTo("no references, $HOME stays");
    }

    @Test
    void anUnsetVariableWithoutDefaultNamesTheVariableAndTheLine() {
        assertThatThrownBy(() -> expand("${CIFAR10_DIR}"))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageStartingWith("exp.yaml, line 4: the environment variable CIFAR10_DIR is not set")
                .hasMessageContaining("It should point at CIFAR-10's binary version (cifar-10-batches-bin), from https://www.cs.toronto.edu")
                .hasMessageContaining("export CIFAR10_DIR=");
    }
}
