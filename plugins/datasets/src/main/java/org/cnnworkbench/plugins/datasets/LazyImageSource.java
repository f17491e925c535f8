package org.cnnworkbench.plugins.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnworkbench.api.PluginInputException;

/**
 * Images kept as a list of files ({@code cache: none}): each {@link #read} reads and decodes its
 * file again, on the caller's thread (the engine's batch producer, so not the training thread),
 * and gives the same values a cached load would. Memory is one path and one label per image;
 * the price is a decode per image per epoch. Immutable; safe to read from several threads.
 */
final class LazyImageSource extends LabelledSource {
    private final Path[] files;
    private final ImageDecoder decoder;

    /** {@code files[i]} has class {@code labels[i]}; every file decoded when the dataset was loaded. */
    LazyImageSource(Path[] files, int[] labels, ImageDecoder decoder) {
        super(labels);
        if (files.length != labels.length) {
            throw new IllegalArgumentException(files.length + " files but " + labels.length + " labels");
        }
        this.files = files;
        this.decoder = decoder;
    }

    @Override
    public void read(int index, float[] destination, int offset) {
        Path file = files[index];
        byte[] sample = new byte[decoder.sampleSize()];
        String problem;
        try {
            problem = decoder.decode(Files.readAllBytes(file), sample, 0);
        } catch (IOException e) {
            problem = "could not be read (" + e.getMessage() + ")";
        }
        if (problem != null) {
            throw new PluginInputException("image-folder: " + file + " " + problem + ", though it could when the dataset"
                    + " was loaded; was it changed or removed during training? (cache: memory decodes every image once,"
                    + " at load)");
        }
        for (int i = 0; i < sample.length; i++) {
            destination[offset + i] = Byte.toUnsignedInt(sample[i]) / 255f;
        }
    }
}
