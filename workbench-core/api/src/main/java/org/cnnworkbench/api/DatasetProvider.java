package org.cnnworkbench.api;

import java.io.IOException;
import org.pf4j.ExtensionPoint;

/**
 * Reads a dataset from the files or settings its parameters name. The engine calls
 * {@link #load} once per trial, on the trial's thread, after validating the parameters against
 * {@link #parameters()}; an implementation keeps no state between calls.
 *
 * <p>Contract: class names are stable across calls with the same parameters (they become the
 * model's labels); a split the data lacks is {@code null}; a user's mistake (a missing or
 * malformed file) is reported by throwing {@link PluginInputException} naming the file and what
 * was expected, never by returning partial data. Example:
 * <pre>{@code
 * @Extension
 * public class MyCsv implements DatasetProvider {
 *     public String id() { return "my-csv"; }
 *     ...
 *     public DatasetSplits load(Params p, long seed) throws IOException { ... }
 * }
 * }</pre>
 */
public interface DatasetProvider extends ExtensionPoint, Configurable {

    /**
     * Loads the data.
     *
     * @param params validated parameters (paths already resolved)
     * @param seed   the trial's seed, for any random split, so a run can be repeated
     */
    DatasetSplits load(Params params, long seed) throws IOException;
}
