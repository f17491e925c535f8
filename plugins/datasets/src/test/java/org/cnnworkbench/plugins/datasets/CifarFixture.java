package org.cnnworkbench.plugins.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small CIFAR binary files for tests: records of label bytes and 3,072 pixel bytes. */
final class CifarFixture {
    static final int PIXELS = 3072;

    private CifarFixture() {
    }

    /** The value written for pixel {@code p} of record {@code record} of a file written with {@code fileSeed}. */
    static int pixel(int fileSeed, int record, int p) {
        return (fileSeed * 31 + record * 7 + p) % 256;
    }

    /**
     * Writes {@code labels.length} records, each with the label bytes {@code labels[r]} (one for
     * CIFAR-10; coarse then fine for CIFAR-100), pixels by {@link #pixel}.
     */
    static Path write(Path file, int fileSeed, int[][] labels) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int r = 0; r < labels.length; r++) {
            for (int label : labels[r]) {
                out.write(label);
            }
            for (int p = 0; p < PIXELS; p++) {
                out.write(pixel(fileSeed, r, p));
            }
        }
        Files.createDirectories(file.getParent());
        return Files.write(file, out.toByteArray());
    }

    /** CIFAR-10 labels: record r of batch {@code file} (0-based) has label (file * perFile + r) % 10. */
    static int[][] cifar10Labels(int file, int perFile) {
        int[][] labels = new int[perFile][];
        for (int r = 0; r < perFile; r++) {
            labels[r] = new int[] {(file * perFile + r) % 10};
        }
        return labels;
    }

    /**
     * A CIFAR-10 folder: five batches of {@code perFile} records with labels cycling over the ten
     * classes across files, and a test batch of {@code testRecords} records with labels 9, 8, 7, ...
     * File seeds: batch k has seed k (1 to 5), the test batch 0.
     */
    static Path cifar10(Path dir, int perFile, int testRecords) throws IOException {
        for (int k = 1; k <= 5; k++) {
            write(dir.resolve("data_batch_" + k + ".bin"), k, cifar10Labels(k - 1, perFile));
        }
        int[][] test = new int[testRecords][];
        for (int r = 0; r < testRecords; r++) {
            test[r] = new int[] {9 - r % 10};
        }
        write(dir.resolve("test_batch.bin"), 0, test);
        return dir;
    }

    /**
     * A CIFAR-100 folder: train.bin with {@code trainRecords} records, fine label r % 100 and
     * coarse label r % 20, and test.bin with {@code testRecords} records, fine label 99 - r % 100,
     * coarse 19 - r % 20. Seeds: train 1, test 2.
     */
    static Path cifar100(Path dir, int trainRecords, int testRecords) throws IOException {
        int[][] train = new int[trainRecords][];
        for (int r = 0; r < trainRecords; r++) {
            train[r] = new int[] {r % 20, r % 100};
        }
        int[][] test = new int[testRecords][];
        for (int r = 0; r < testRecords; r++) {
            test[r] = new int[] {19 - r % 20, 99 - r % 100};
        }
        write(dir.resolve("train.bin"), 1, train);
        write(dir.resolve("test.bin"), 2, test);
        return dir;
    }
}
