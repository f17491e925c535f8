package org.cnnworkbench.web;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.cnnworkbench.engine.store.RunCuration;
import org.cnnworkbench.engine.store.RunQueries;
import org.cnnworkbench.engine.store.RunReads;
import org.cnnworkbench.engine.store.SweepReads;

/**
 * What the dashboard reads: the stores' read sides only (so the dashboard cannot start, record,
 * tag or cancel anything: it is given no type with such a method), the loaded plugins (as the JSON
 * document of {@code plugins --json}) and the workbench home, under which the runs' files live; and
 * {@link RunCuration}, the one thing it may write (notes), or null for a dashboard that writes nothing.
 */
public record WebSources(RunReads runs, RunQueries queries, SweepReads sweeps, Supplier<Map<String, Object>> plugins,
                         Path home, RunCuration curation) {
    public WebSources {
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(queries, "queries");
        Objects.requireNonNull(sweeps, "sweeps");
        Objects.requireNonNull(plugins, "plugins");
        Objects.requireNonNull(home, "home");
    }

    /** A dashboard that writes nothing (notes cannot be edited). */
    public WebSources(RunReads runs, RunQueries queries, SweepReads sweeps, Supplier<Map<String, Object>> plugins, Path home) {
        this(runs, queries, sweeps, plugins, home, null);
    }
}
