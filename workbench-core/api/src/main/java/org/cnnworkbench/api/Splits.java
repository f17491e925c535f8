package org.cnnworkbench.api;

import java.util.Arrays;
import java.util.Random;

/**
 * Stratified, seeded train/validation splits of a {@link DataSource}, for dataset providers that
 * offer a {@code validation_split}. Each class gives the same share of its samples to validation
 * (up to rounding), so a rare class is not left out of either part by chance; the same source,
 * fraction and seed always give the same split. Example:
 * <pre>{@code
 * Splits.Partition parts = Splits.stratified(train, 0.1, seed);
 * DataSource fit = train.subset(parts.train());
 * DataSource validation = train.subset(parts.validation());
 * }</pre>
 */
public final class Splits {

    private Splits() {
    }

    /**
     * The indices of a source split in two, each array in ascending order. The arrays are the
     * caller's to keep; a partition compares by identity, as records of arrays do.
     */
    public record Partition(int[] train, int[] validation) {
    }

    /**
     * Splits {@code source} so that {@code round(size × fraction)} samples go to validation,
     * shared among the classes in proportion to their sizes (largest remainders get the rounding),
     * and the samples of each class are picked at random from {@code seed}.
     *
     * @param fraction the validation share, in {@code [0, 1)}; 0 gives an empty validation part
     * @throws IllegalArgumentException if {@code fraction} is outside {@code [0, 1)} or a label is
     *                                  negative
     */
    public static Partition stratified(DataSource source, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), found " + fraction);
        }
        int[][] byClass = indicesByClass(source);
        int[] quotas = quotas(byClass, source.size(), fraction);
        Random random = new Random(seed);
        int[] validation = new int[Arrays.stream(quotas).sum()];
        int[] train = new int[source.size() - validation.length];
        int v = 0;
        int t = 0;
        for (int c = 0; c < byClass.length; c++) {
            int[] members = byClass[c].clone();
            shuffle(members, random);
            for (int i = 0; i < members.length; i++) {
                if (i < quotas[c]) {
                    validation[v++] = members[i];
                } else {
                    train[t++] = members[i];
                }
            }
        }
        Arrays.sort(train);
        Arrays.sort(validation);
        return new Partition(train, validation);
    }

    /** The sample indices of each label, ascending; labels without samples give empty arrays. */
    private static int[][] indicesByClass(DataSource source) {
        int size = source.size();
        int[] labels = new int[size];
        int classes = 0;
        for (int i = 0; i < size; i++) {
            labels[i] = source.label(i);
            if (labels[i] < 0) {
                throw new IllegalArgumentException("sample " + i + " has a negative label: " + labels[i]);
            }
            classes = Math.max(classes, labels[i] + 1);
        }
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        int[][] byClass = new int[classes][];
        for (int c = 0; c < classes; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] filled = new int[classes];
        for (int i = 0; i < size; i++) {
            byClass[labels[i]][filled[labels[i]]++] = i;
        }
        return byClass;
    }

    /** How many samples of each class go to validation: floors, then the largest remainders. */
    private static int[] quotas(int[][] byClass, int size, double fraction) {
        int total = (int) Math.round(size * fraction);
        int[] quotas = new int[byClass.length];
        double[] remainders = new double[byClass.length];
        int assigned = 0;
        for (int c = 0; c < byClass.length; c++) {
            double share = byClass[c].length * fraction;
            quotas[c] = Math.min(byClass[c].length, (int) Math.floor(share));
            remainders[c] = share - quotas[c];
            assigned += quotas[c];
        }
        while (assigned < total) {
            int best = -1;
            for (int c = 0; c < byClass.length; c++) {
                boolean room = quotas[c] < byClass[c].length;
                if (room && (best < 0 || remainders[c] > remainders[best])) {
                    best = c;
                }
            }
            quotas[best]++;
            remainders[best] = -1;
            assigned++;
        }
        return quotas;
    }

    private static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
