package org.cnnworkbench.plugins.datasets;

import java.io.IOException;
import java.util.List;
import org.cnnworkbench.api.ConfigurableExtension;
import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.DatasetProvider;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.PluginInputException;
import org.pf4j.Extension;

/**
 * 1-D data for Conv1D from one CSV file of numeric feature columns and a label column (found by
 * header name or 0-based index; labels numbers or text, see {@link CsvClasses}). By default each
 * row is one sample, its features a sequence with 1 channel, as the seed's telemetry model reads
 * 9 features per row; with {@code window: N}, N consecutive rows (starting every {@code stride}
 * rows) form one sample of N steps with a channel per feature, labelled by its last row. Test and
 * validation parts are held out by class share, seeded; then the features are normalised with
 * statistics of the training rows only ({@link Normalization}), so values are not in [0, 1].
 *
 * <p>With overlapping windows (stride below the window), neighbouring windows share rows, and a
 * random split puts some of those neighbours on both sides: for time series whose future must not
 * leak into training, set {@code stride} to the window size. The digest is the SHA-256 of the file.
 */
@Extension
public class CsvDatasetProvider extends ConfigurableExtension implements DatasetProvider {
    static final String HEADER = "header";
    static final String DELIMITER = "delimiter";
    static final String WINDOW = "window";
    static final String STRIDE = "stride";

    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.requiredPath(CsvTable.PATH, "CSV file of numeric feature columns and a label column, a row per"
                    + " sample (or per time step, with window)"),
            ParamSpec.string(CsvTable.LABEL_COLUMN, "label",
                    "the label column: its header name, or its 0-based index (-1 = last), which files without a header need"),
            ParamSpec.bool(HEADER, true, "whether the first line names the columns"),
            ParamSpec.string(DELIMITER, ",", "text between fields, e.g. ',' or ';' or '\\t' (tab); fields may be quoted"),
            ParamSpec.number(HoldOut.VALIDATION_SPLIT, 0.1, 0, 0.9,
                    "share of the samples held out for validation, per class (seeded); 0 = none"),
            ParamSpec.number(HoldOut.TEST_SPLIT, 0.1, 0, 0.9,
                    "share of the samples held out for testing, per class (seeded); 0 = none"),
            ParamSpec.integer(WINDOW, 0, 0, 100_000, "0: each row is a sample (its features a sequence, 1 channel);"
                    + " N: N consecutive rows form a sample (N steps, a channel per feature), labelled by its last row"),
            ParamSpec.integer(STRIDE, 1, 1, 100_000,
                    "rows between the starts of consecutive windows; set it to window for windows that share no rows"),
            ParamSpec.choice(Normalization.PARAM, "standard", Normalization.MODES, "per-feature scaling with statistics of"
                    + " the training samples only: standard (mean 0, deviation 1), minmax ([0, 1]) or none"),
            ParamSpec.string(ClassNames.PARAM, null, "comma-separated class names: for numeric labels, one per value in"
                    + " ascending order; for text labels, the labels in the class order wanted. Default: the labels sorted"));

    public CsvDatasetProvider() {
        super("csv",
                "CSV of numeric feature columns and a label column, as 1-D sequences for Conv1D (a row or N rows per sample)",
                PARAMETERS);
    }

    @Override
    public DatasetSplits load(Params params, long seed) throws IOException {
        CsvTable table = CsvTable.read(params.getPath(CsvTable.PATH), delimiter(params.getString(DELIMITER)),
                params.getBoolean(HEADER), params.getString(CsvTable.LABEL_COLUMN));
        CsvClasses classes = CsvClasses.of(table, ClassNames.given(params));
        int window = params.getInt(WINDOW);
        int stride = params.getInt(STRIDE);
        if (CsvSource.sampleCount(table.rows(), window, stride) == 0) {
            throw new PluginInputException(WINDOW + ": " + window + " rows per sample, but " + table.path() + " has only "
                    + Counts.of(table.rows(), "data row", "data rows") + "; choose a smaller window");
        }
        CsvSource all = new CsvSource(table.values(), table.features(), window, stride, classes.rows());
        HoldOut.Indices parts = HoldOut.split(all, params.getDouble(HoldOut.VALIDATION_SPLIT),
                params.getDouble(HoldOut.TEST_SPLIT), seed, "samples");
        boolean[] trainingRows = new boolean[table.rows()];
        for (int sample : parts.train()) {
            for (int r = 0; r < all.rowsPerSample(); r++) {
                trainingRows[all.firstRow(sample) + r] = true;
            }
        }
        Normalization.apply(params.getString(Normalization.PARAM), table.values(), table.features(), trainingRows);
        DataSource train = parts.train(all);
        return new DatasetSplits(all.shape(), classes.names(), train, parts.validation(all), parts.test(all),
                table.digest());
    }

    /** The delimiter as written, with {@code \t} or "tab" for a tab. */
    static String delimiter(String given) {
        if (given.equals("\\t") || given.equalsIgnoreCase("tab")) {
            return "\t";
        }
        if (given.isEmpty()) {
            throw new PluginInputException(DELIMITER + " is empty; give the text between fields, e.g. ',' or ';' or '\\t'");
        }
        return given;
    }
}
