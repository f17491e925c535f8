package org.cnnworkbench.web;

import static org.cnnworkbench.web.ApiError.Status.NOT_FOUND;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.store.RunDetail;
import org.cnnworkbench.engine.store.RunPage;
import org.cnnworkbench.engine.store.RunQuery;
import org.cnnworkbench.engine.store.RunRow;

/** Reads every route needs: a run by id (400 for a malformed id, 404 for an unknown one) and all runs a query matches. */
final class Lookups {
    private final WebSources sources;

    Lookups(WebSources sources) {
        this.sources = sources;
    }

    RunDetail run(String id) {
        Params.runId(id);
        return sources.runs().findRun(id).orElseThrow(() -> NOT_FOUND.error("no run " + id));
    }

    /** The rows {@code base} matches (its offset and limit ignored), page by page, at most {@code max}. */
    List<RunRow> all(RunQuery base, int max) {
        List<RunRow> all = new ArrayList<>();
        for (int offset = 0; all.size() < max; offset += RunQuery.MAX_LIMIT) {
            RunPage page = sources.queries().query(base.page(offset, RunQuery.MAX_LIMIT));
            all.addAll(page.rows());
            if (page.rows().size() < RunQuery.MAX_LIMIT) {
                break;
            }
        }
        return all.size() > max ? all.subList(0, max) : all;
    }
}
