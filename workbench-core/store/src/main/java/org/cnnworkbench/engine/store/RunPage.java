package org.cnnworkbench.engine.store;

import java.util.List;

/** One page of a runs table and how many runs match in all. */
public record RunPage(long total, int offset, List<RunRow> rows) {
    public RunPage {
        rows = List.copyOf(rows);
    }
}
