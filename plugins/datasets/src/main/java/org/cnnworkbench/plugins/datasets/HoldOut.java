package org.cnnworkbench.plugins.datasets;

import java.util.Locale;
import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.api.Splits;

/**
 * Holds a test part and a validation part out of one labelled set, each stratified by class and
 * seeded (through {@link Splits}), for providers with {@code test_split} and
 * {@code validation_split}. The test part is taken first, from the whole set; the validation part
 * then from the rest, sized so that both shares are of the whole set (0.1 and 0.1 of 1,000 samples
 * give 800 / 100 / 100). The validation part uses the trial's seed as it is, so a provider without
 * a test share splits exactly as {@code Splits.stratified(all, validation, seed)}.
 */
final class HoldOut {
    static final String VALIDATION_SPLIT = "validation_split";
    static final String TEST_SPLIT = "test_split";

    /** Mixed into the seed for the test part, so that it is not drawn like the validation part. */
    private static final long TEST_SEED_MIX = 0x9E3779B97F4A7C15L;

    private HoldOut() {
    }

    /**
     * The sample indices of each part, ascending, into the source that was split; {@code validation}
     * and {@code test} are {@code null} when their share is 0.
     */
    record Indices(int[] train, int[] validation, int[] test) {

        DataSource train(DataSource all) {
            return all.subset(train);
        }

        DataSource validation(DataSource all) {
            return validation == null ? null : all.subset(validation);
        }

        DataSource test(DataSource all) {
            return test == null ? null : all.subset(test);
        }
    }

    /**
     * Splits {@code all}. Shares of 0 give no part.
     *
     * @param samples what the samples are, for messages (e.g. "training samples", "images", "rows")
     * @throws PluginInputException if the shares add up to 1 or more, or a requested part (or the
     *                              training part) would be left empty
     */
    static Indices split(DataSource all, double validation, double test, long seed, String samples) {
        if (validation + test >= 1) {
            throw new PluginInputException(VALIDATION_SPLIT + " " + validation + " and " + TEST_SPLIT + " " + test
                    + " add up to " + String.format(Locale.ROOT, "%.2f", validation + test)
                    + ", which leaves no " + samples + " for training; keep their sum below 1 (e.g. 0.1 and 0.1)");
        }
        int[] rest = range(all.size());
        int[] testPart = null;
        if (test > 0) {
            Splits.Partition partition = Splits.stratified(all, test, seed ^ TEST_SEED_MIX);
            requireBoth(partition, TEST_SPLIT, test, all.size(), samples, "test");
            testPart = partition.validation();
            rest = partition.train();
        }
        int[] validationPart = null;
        if (validation > 0) {
            DataSource remaining = test > 0 ? all.subset(rest) : all;
            Splits.Partition partition = Splits.stratified(remaining, validation / (1 - test), seed);
            requireBoth(partition, VALIDATION_SPLIT, validation, all.size(), samples, "validation");
            validationPart = map(partition.validation(), rest);
            rest = map(partition.train(), rest);
        }
        return new Indices(rest, validationPart, testPart);
    }

    private static void requireBoth(Splits.Partition partition, String param, double fraction, int size, String samples,
                                    String part) {
        if (partition.validation().length == 0 || partition.train().length == 0) {
            String empty = partition.validation().length == 0 ? "no " + part + " sample" : "no training sample";
            throw new PluginInputException(param + ": " + fraction + " of " + Counts.of(size) + " " + samples + " leaves " + empty
                    + "; choose a value in (0, 0.9] that gives both parts at least one sample, or 0 for no " + part);
        }
    }

    private static int[] range(int size) {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        return all;
    }

    /** {@code indices} into {@code base}, as indices into what {@code base} indexes. */
    private static int[] map(int[] indices, int[] base) {
        int[] mapped = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            mapped[i] = base[indices[i]];
        }
        return mapped;
    }
}
