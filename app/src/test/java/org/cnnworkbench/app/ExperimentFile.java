package org.cnnworkbench.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small experiment file written line by line, so that a test knows the line of every value:
 * small-cnn on a few hundred images of the shipped Fashion-MNIST sample (absolute paths), two
 * epochs. The line numbers of {@link #tiny()}:
 *
 * <pre>
 *  1 name          5 train_images    9 validation_split  13 architecture type  17 optimizer
 *  2 dataset:      6 train_labels   10 train_limit       14 training:          18 learning_rate
 *  3 dataset type  7 test_images    11 test_limit        15 epochs             19 seed
 *  4 params:       8 test_labels    12 architecture:     16 batch_size
 * </pre>
 */
final class ExperimentFile {
    static final int NAME = 1;
    static final int DATASET_TYPE = 3;
    static final int TEST_IMAGES = 7;
    static final int VALIDATION_SPLIT = 9;
    static final int TRAIN_LIMIT = 10;
    static final int ARCHITECTURE_TYPE = 13;
    static final int EPOCHS = 15;

    private final List<String> lines;

    private ExperimentFile(List<String> lines) {
        this.lines = new ArrayList<>(lines);
    }

    /** small-cnn, 540 training + 60 validation + 200 test images, 2 epochs of batch 32, RMSprop, seed 42. */
    static ExperimentFile tiny() {
        String sample = Cli.sample().toString();
        return new ExperimentFile(List.of(
                "name: tiny",
                "dataset:",
                "  type: idx",
                "  params:",
                "    train_images: " + sample + "/train-images-idx3-ubyte.gz",
                "    train_labels: " + sample + "/train-labels-idx1-ubyte.gz",
                "    test_images: " + sample + "/t10k-images-idx3-ubyte.gz",
                "    test_labels: " + sample + "/t10k-labels-idx1-ubyte.gz",
                "    validation_split: 0.1",
                "    train_limit: 600",
                "    test_limit: 200",
                "architecture:",
                "  type: small-cnn",
                "training:",
                "  epochs: 2",
                "  batch_size: 32",
                "  optimizer: rmsprop",
                "  learning_rate: 0.001",
                "  seed: 42"));
    }

    /** A copy with line {@code number} (1-based) replaced. */
    ExperimentFile withLine(int number, String text) {
        ExperimentFile copy = new ExperimentFile(lines);
        copy.lines.set(number - 1, text);
        return copy;
    }

    /** A copy without line {@code number} (1-based); the lines after it move up by one. */
    ExperimentFile withoutLine(int number) {
        ExperimentFile copy = new ExperimentFile(lines);
        copy.lines.remove(number - 1);
        return copy;
    }

    /** A copy with {@code more} lines appended; the first of them is line {@link #lineCount()} + 1. */
    ExperimentFile append(String... more) {
        ExperimentFile copy = new ExperimentFile(lines);
        copy.lines.addAll(List.of(more));
        return copy;
    }

    int lineCount() {
        return lines.size();
    }

    String text() {
        return String.join("\n", lines) + "\n";
    }

    /** Writes the file as {@code dir/fileName} and returns its path. */
    Path write(Path dir, String fileName) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(fileName), text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
