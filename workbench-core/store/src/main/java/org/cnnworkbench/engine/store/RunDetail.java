package org.cnnworkbench.engine.store;

import java.util.List;

/** Everything recorded about one run except its per-epoch metrics. */
public record RunDetail(RunSummary summary, long seed, String configJson, String overridesJson,
                        String provenanceJson, String resultJson, String error, Double testLoss,
                        List<Artifact> artifacts) {
    public RunDetail {
        artifacts = List.copyOf(artifacts);
    }
}
