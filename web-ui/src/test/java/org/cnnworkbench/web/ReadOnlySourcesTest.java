package org.cnnworkbench.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cnnworkbench.engine.store.RunControl;
import org.cnnworkbench.engine.store.RunQueries;
import org.cnnworkbench.engine.store.RunReads;
import org.cnnworkbench.engine.store.RunStore;
import org.cnnworkbench.engine.store.SweepOrchestration;
import org.cnnworkbench.engine.store.SweepReads;
import org.cnnworkbench.engine.store.SweepStore;
import org.cnnworkbench.engine.store.SweepWorkers;
import org.junit.jupiter.api.Test;

/**
 * The wall between the dashboard and the stores' writes holds by type: what the web server is given
 * ({@link WebSources}) has read methods only, and no source of the web module names a type that
 * writes.
 */
class ReadOnlySourcesTest {
    private static final List<Class<?>> WRITERS = List.of(RunStore.class, SweepStore.class, RunControl.class, SweepWorkers.class,
            SweepOrchestration.class);

    @Test
    void theServerIsGivenReadInterfacesOnly() {
        Set<String> methods = new TreeSet<>();
        for (RecordComponent c : WebSources.class.getRecordComponents()) {
            Class<?> type = c.getType();
            if (type.getPackageName().equals("org.cnnworkbench.engine.store")) {
                for (Class<?> writer : WRITERS) {
                    assertThat(writer.isAssignableFrom(type)).as(c.getName() + " is a " + writer.getSimpleName()).isFalse();
                }
                Arrays.stream(type.getMethods()).map(Method::getName).forEach(methods::add);
            }
        }
        assertThat(Arrays.stream(WebSources.class.getRecordComponents()).map(RecordComponent::getType).toList())
                .containsExactly(RunReads.class, RunQueries.class, SweepReads.class, java.util.function.Supplier.class, Path.class,
                        org.cnnworkbench.engine.store.RunCuration.class);
        // Reads, and the one curation interface: notes and the trash (it cannot start, record, tag or cancel).
        assertThat(methods).containsExactlyInAnyOrder("listRuns", "findRun", "epochs", "batchCurves", "query", "values", "overfitting", "sweepOverfitting", "experiments",
                "changeStamp", "listSweeps", "findSweep", "jobs", "setNote", "notes", "trash", "restore");
    }

    @Test
    void noWebSourceNamesAWritingStoreType() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).isDirectory();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                for (Class<?> writer : WRITERS) {
                    assertThat(source).as(file.toString()).doesNotContainPattern("\\b" + writer.getSimpleName() + "\\b");
                }
            }
        }
    }
}
