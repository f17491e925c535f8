package org.cnnworkbench.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.store.BatchPoint;
import org.cnnworkbench.engine.store.NewRun;
import org.junit.jupiter.api.Test;

class H2BatchMetricsTest extends H2HomeTest {

    @Test
    void blocksOfBatchPointsAreStoredOnceAndReadInStepOrderAtFractionalEpochs() throws Exception {
        String id = runs.startRun(new NewRun("e", "{}", "{}", 1, "{}", null));
        runs.recordBatches(id, List.of(new BatchPoint("batch_loss", 2, 0.5, 0.9), new BatchPoint("batch_loss", 1, 0.25, 1.2),
                new BatchPoint("batch_accuracy", 1, 0.25, 0.3)));
        runs.recordBatches(id, List.of(new BatchPoint("batch_loss", 2, 0.5, 99.0), new BatchPoint("batch_loss", 3, 0.75, Double.NaN),
                new BatchPoint("batch_loss", 4, 1.0, Double.POSITIVE_INFINITY)));
        runs.recordBatches(id, List.of());
        Map<String, List<double[]>> curves = runs.batchCurves(id, List.of("batch_loss", "batch_accuracy", "batch_other"));
        assertThat(curves.keySet()).containsExactly("batch_loss", "batch_accuracy");
        assertThat(curves.get("batch_loss")).extracting(p -> p[0]).containsExactly(0.25, 0.5, 0.75, 1.0);
        assertThat(curves.get("batch_loss")).extracting(p -> p[1]).containsExactly(1.2, 0.9, Double.NaN, Double.POSITIVE_INFINITY);
        assertThat(curves.get("batch_accuracy").get(0)).containsExactly(0.25, 0.3);
        assertThatThrownBy(() -> runs.recordBatches("r999", List.of(new BatchPoint("batch_loss", 1, 0.1, 1.0))))
                .hasMessageContaining("r999");
        assertThatThrownBy(() -> new BatchPoint("batch_loss", 0, 0.1, 1.0)).isInstanceOf(IllegalArgumentException.class);
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM batch_metric")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(5);
        }
    }
}
