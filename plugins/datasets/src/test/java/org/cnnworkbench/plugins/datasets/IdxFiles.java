package org.cnnworkbench.plugins.datasets;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests, gzip-compressed or raw. */
final class IdxFiles {

    private IdxFiles() {
    }

    /**
     * Writes {@code count} images of {@code rows × cols} whose pixel {@code p} of image {@code i}
     * is {@code (i * 7 + p) % 256}.
     */
    static Path images(Path file, int count, int rows, int cols, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(2051);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < rows * cols; p++) {
                out.writeByte(pixel(i, p));
            }
        }
        return write(file, bytes.toByteArray(), gzip);
    }

    /** The value {@link #images} writes for pixel {@code p} of image {@code i}. */
    static int pixel(int image, int p) {
        return (image * 7 + p) % 256;
    }

    static Path labels(Path file, int[] labels, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(2049);
        out.writeInt(labels.length);
        for (int label : labels) {
            out.writeByte(label);
        }
        return write(file, bytes.toByteArray(), gzip);
    }

    /** Labels 0, 1, ..., classes-1, 0, 1, ... */
    static int[] cycling(int count, int classes) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % classes;
        }
        return labels;
    }

    static Path write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }
}
