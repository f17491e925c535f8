package org.cnnworkbench.testkit;

import java.util.HashMap;
import java.util.Map;
import org.cnnworkbench.api.Configurable;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;

/** Params as the engine would pass them: every declared default, then the test's values. */
public final class TestParams {

    private TestParams() {
    }

    /**
     * The extension's defaults with {@code overrides} applied; {@code overrides} alternates names and
     * values (Integer, Double, Boolean, String or Path, as the engine converts them).
     *
     * @throws IllegalArgumentException for a name the extension does not declare
     */
    public static Params of(Configurable extension, Object... overrides) {
        if (overrides.length % 2 != 0) {
            throw new IllegalArgumentException("overrides alternate names and values; found an odd count " + overrides.length);
        }
        Map<String, Object> values = new HashMap<>();
        for (ParamSpec spec : extension.parameters()) {
            if (spec.defaultValue() != null) {
                values.put(spec.name(), spec.defaultValue());
            }
        }
        for (int i = 0; i < overrides.length; i += 2) {
            String name = (String) overrides[i];
            if (extension.parameters().stream().noneMatch(spec -> spec.name().equals(name))) {
                throw new IllegalArgumentException(extension.id() + " declares no parameter " + name);
            }
            values.put(name, overrides[i + 1]);
        }
        return new Params(values);
    }
}
