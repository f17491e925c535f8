package org.cnnworkbench.engine.store;

import java.util.Objects;

/**
 * A run about to start.
 *
 * @param experiment     the experiment's name (the file's {@code name:})
 * @param configJson     the fully resolved experiment (defaults filled in, overrides applied), JSON
 * @param overridesJson  the command-line {@code --set} overrides as a JSON object ({@code {}} if none)
 * @param seed           the trial's seed
 * @param provenanceJson plugins with versions and checksums, versions of Java/DL4J, backend, OS, JSON
 * @param sourceFile     the experiment file's path as given, or {@code null}
 */
public record NewRun(String experiment, String configJson, String overridesJson, long seed,
                     String provenanceJson, String sourceFile) {
    public NewRun {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(configJson, "configJson");
        overridesJson = overridesJson == null ? "{}" : overridesJson;
        provenanceJson = provenanceJson == null ? "{}" : provenanceJson;
    }
}
