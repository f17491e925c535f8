package org.cnnworkbench.plugins.datasets;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.cnnworkbench.api.PluginInputException;

/**
 * Reads IDX image and label files, gzip-compressed (told by their first two bytes, 0x1f 0x8b) or
 * raw, checks their headers, and feeds every byte of every file it opens to one SHA-256 digest,
 * so the digest fingerprints exactly the files read. Errors name the parameter and the file.
 */
final class IdxReader {
    /** Magic number of an IDX file of unsigned bytes with 3 dimensions (count, rows, columns). */
    static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension (count). */
    static final int LABELS_MAGIC = 0x00000801;

    private final MessageDigest digest;

    IdxReader() {
        digest = Sha256.create();
    }

    /** The images of a file; {@code count} is the header's, the pixels hold the kept ones. */
    record Images(String param, Path path, int count, int rows, int cols, byte[] pixels) {
    }

    /** The labels of a file; {@code count} is the header's, {@code labels} the kept ones. */
    record Labels(String param, Path path, int count, byte[] labels) {
    }

    /**
     * Reads the image file named by parameter {@code param}, keeping the first {@code limit}
     * images (all when 0).
     */
    Images images(String param, Path path, int limit) throws IOException {
        try (Opened file = open(param, path)) {
            file.expectMagic(IMAGES_MAGIC, "image", LABELS_MAGIC, "label");
            int count = file.readCount("image count");
            int rows = file.readCount("row count");
            int cols = file.readCount("column count");
            if (rows < 1 || cols < 1) {
                throw file.problem("has images of " + rows + "x" + cols + " pixels; rows and columns must be at least 1");
            }
            int kept = kept(count, limit);
            long bytes = (long) kept * rows * cols;
            if (bytes > Integer.MAX_VALUE - 8) {
                throw file.problem("holds " + kept + " images of " + rows + "x" + cols + " (" + bytes
                        + " bytes), more than one array can hold; read fewer with train_limit or test_limit");
            }
            byte[] pixels = file.readBody((int) bytes, promised(kept, count, "images") + " of " + rows + "x" + cols);
            return new Images(param, path, count, rows, cols, pixels);
        }
    }

    /** Reads the label file named by parameter {@code param}, keeping the first {@code limit}. */
    Labels labels(String param, Path path, int limit) throws IOException {
        try (Opened file = open(param, path)) {
            file.expectMagic(LABELS_MAGIC, "label", IMAGES_MAGIC, "image");
            int count = file.readCount("label count");
            int kept = kept(count, limit);
            byte[] labels = file.readBody(kept, promised(kept, count, "labels"));
            return new Labels(param, path, count, labels);
        }
    }

    /** The SHA-256 of all bytes of all files read so far, in hex. */
    String hexDigest() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests can be cloned", e);
        }
    }

    /** What the reader expects to find: all the header's items, or the first ones of them. */
    private static String promised(int kept, int count, String items) {
        return kept == count ? count + " " + items : "first " + kept + " of the " + count + " " + items;
    }

    private static int kept(int count, int limit) {
        return limit > 0 ? Math.min(count, limit) : count;
    }

    private Opened open(String param, Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new PluginInputException(param + ": file not found: " + path
                    + "; give the path of an IDX file (e.g. train-images-idx3-ubyte.gz)");
        }
        if (!Files.isRegularFile(path)) {
            throw new PluginInputException(param + ": " + path + " is a folder, not a file; give the path of an IDX file");
        }
        return new Opened(param, path, new BufferedInputStream(new DigestInputStream(Files.newInputStream(path), digest)));
    }

    /** One open file: the raw (hashed) stream and the decoded stream the header and body come from. */
    private static final class Opened implements AutoCloseable {
        private final String param;
        private final Path path;
        private final InputStream raw;
        private final DataInputStream data;
        private final boolean compressed;

        Opened(String param, Path path, BufferedInputStream raw) throws IOException {
            this.param = param;
            this.path = path;
            this.raw = raw;
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            this.compressed = gzip;
            try {
                this.data = new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(raw)) : raw);
            } catch (ZipException | EOFException e) {
                raw.close();
                throw problem("starts like a gzip file but is not a valid one (" + e.getMessage() + ")");
            }
        }

        void expectMagic(int expected, String kind, int other, String otherKind) throws IOException {
            int magic = readInt("header");
            if (magic == expected) {
                return;
            }
            if (magic == other) {
                throw problem("is an IDX " + otherKind + " file (magic number " + other + "), but an IDX " + kind
                        + " file (magic number " + expected + ") was expected; check that the image and label"
                        + " files are not swapped");
            }
            throw problem(String.format("starts with magic number %d (0x%08x), but an IDX %s file starts with %d"
                    + " (0x%08x); is it an IDX file?", magic, magic, kind, expected, expected));
        }

        int readCount(String what) throws IOException {
            int value = readInt("header");
            if (value < 0) {
                throw problem("has a negative " + what + " in its header (" + value + "); the file is corrupt");
            }
            return value;
        }

        /** Reads {@code bytes} bytes of the body, then the rest of the file for the digest. */
        byte[] readBody(int bytes, String promised) throws IOException {
            byte[] body = new byte[bytes];
            try {
                data.readFully(body);
            } catch (EOFException e) {
                throw problem("ends before the " + promised + " its header announces; the file is truncated,"
                        + " download it again");
            } catch (ZipException e) {
                throw problem("is a damaged gzip file (" + e.getMessage() + "); download it again");
            }
            raw.transferTo(OutputStream.nullOutputStream());
            return body;
        }

        private int readInt(String part) throws IOException {
            try {
                return data.readInt();
            } catch (EOFException e) {
                throw problem("is too short for an IDX " + part + " (" + Files.size(path) + " bytes"
                        + (compressed ? " compressed" : "") + "); an IDX header alone is 8 to 16 bytes");
            } catch (ZipException e) {
                throw problem("is a damaged gzip file (" + e.getMessage() + "); download it again");
            }
        }

        PluginInputException problem(String what) {
            return new PluginInputException(param + ": " + path + " " + what);
        }

        @Override
        public void close() throws IOException {
            data.close();
        }
    }
}
