package org.cnnworkbench.engine.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The direct reading of stored parameter values gives exactly what Jackson reads, type included. */
class SweepJsonDecodeTest {

    @Test
    void scalarsReadDirectlyEqualJacksonsReading() {
        List<String> cases = new ArrayList<>(List.of("0", "-0", "7", "-12", "123456789", "1234567890", "99999999999999999999",
                "0.001", "-0.5", "1e-4", "1E5", "2.5e+3", "-0.0", "1e400", "3.141592653589793", "0.30000000000000004",
                "01", "1.", ".5", "1e", "1e+", "-", "+1", " 1", "1 ", "NaN", "Infinity",
                "\"adam\"", "\"\"", "\"a\\\"b\"", "\"tab\\tx\"", "\"caf\u00e9\"", "\"x", "\"", "x\"",
                "true", "false", "null", "True", "[1, 2]", "{\"units\": 256}", "", "adam"));
        Random random = new Random(20);
        for (int i = 0; i < 2000; i++) {
            cases.add(String.valueOf(random.nextDouble() * Math.pow(10, random.nextInt(12) - 6)));
            cases.add(String.valueOf(random.nextInt()));
            cases.add(String.valueOf(random.nextLong()));
            cases.add(String.valueOf(Math.exp(random.nextGaussian() * 10)));
        }
        for (String json : cases) {
            Object direct = SweepJson.decode(json);
            Object viaJackson = SweepJson.jackson(json);
            assertThat(direct).as(json).isEqualTo(viaJackson);
            if (viaJackson != null) {
                assertThat(direct.getClass()).as(json).isEqualTo(viaJackson.getClass());
            }
        }
    }
}
