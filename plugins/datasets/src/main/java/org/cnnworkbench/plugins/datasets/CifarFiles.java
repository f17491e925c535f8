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
import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.PluginInputException;

/**
 * The binary version of a CIFAR dataset in one folder: fixed-size records of label bytes followed
 * by 3,072 pixel bytes (the red, green and blue planes of a 32×32 image, each row by row, which is
 * already channels × height × width). Reads the records of some of its files into one byte array
 * (pixels stay 8-bit; nothing else is kept), checking file sizes and labels, and feeds every byte
 * of every file read to a digest. Errors name the {@code dir} parameter, the file and the record.
 */
final class CifarFiles {
    static final String DIR = "dir";
    static final int SIDE = 32;
    static final int PIXELS = 3 * SIDE * SIDE;

    private final Format format;
    private final Path dir;
    private final MessageDigest digest = Sha256.create();

    /**
     * The layout of one CIFAR variant.
     *
     * @param name        as users know it, e.g. "CIFAR-10"
     * @param labelBytes  label bytes before the pixels of each record
     * @param trainFiles  the training files, in reading order
     * @param testFile    the test file
     * @param folderName  the folder the official archive extracts to
     * @param archive     the archive's file name on the download page
     * @param otherHint   what to say when the folder holds the other variant's files instead
     * @param otherMarker a file of the other variant, which tells it
     */
    record Format(String name, int labelBytes, List<String> trainFiles, String testFile, String folderName,
                  String archive, String otherMarker, String otherHint) {

        int recordSize() {
            return labelBytes + PIXELS;
        }
    }

    /**
     * Which label byte of a record is the class, and how many classes there are.
     *
     * @param what for messages, e.g. "CIFAR-100 fine labels"
     */
    record Label(int byteIndex, int classes, String what) {
    }

    CifarFiles(Format format, Path dir) {
        this.format = format;
        this.dir = dir;
    }

    /** The files of {@code format} in the folder the {@code dir} parameter names, checked to be complete. */
    static CifarFiles complete(Format format, Params params) {
        CifarFiles files = new CifarFiles(format, params.getPath(DIR));
        files.requireComplete();
        return files;
    }

    /** Checks that {@code dir} is a folder that holds every file of the format. */
    void requireComplete() {
        if (!Files.isDirectory(dir)) {
            throw new PluginInputException(DIR + ": " + dir + " is a file, not a folder; give the folder "
                    + format.folderName() + " that " + format.archive() + " extracts to");
        }
        List<String> missing = new ArrayList<>();
        for (String file : allFiles()) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                missing.add(file);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String hint = "";
        if (Files.isDirectory(dir.resolve(format.folderName()))) {
            hint = " It has a sub-folder " + format.folderName() + ": give that folder as " + DIR + ".";
        } else if (Files.isRegularFile(dir.resolve(format.otherMarker()))) {
            hint = " It holds " + format.otherMarker() + ": " + format.otherHint() + ".";
        }
        throw new PluginInputException(DIR + ": " + dir + " has no " + String.join(", ", missing) + "; "
                + format.name() + "'s binary version has " + String.join(", ", allFiles()) + "." + hint
                + " Get " + format.archive() + " from https://www.cs.toronto.edu/~kriz/cifar.html, extract it, and give"
                + " the folder " + format.folderName() + " as " + DIR);
    }

    private List<String> allFiles() {
        List<String> all = new ArrayList<>(format.trainFiles());
        all.add(format.testFile());
        return all;
    }

    /**
     * Reads the records of {@code files}, in order, keeping the first {@code limit} (all when 0);
     * the rest of each file is still read for the digest.
     */
    ByteSource read(List<String> files, Label label, int limit) throws IOException {
        int recordSize = format.recordSize();
        long records = 0;
        for (String name : files) {
            Path file = dir.resolve(name);
            long size = Files.size(file);
            if (size == 0 || size % recordSize != 0) {
                throw new PluginInputException(DIR + ": " + name + " in " + dir + " has " + Counts.of(size) + " bytes, not a"
                        + " positive multiple of " + Counts.of(recordSize) + " (a " + format.name() + " record is "
                        + format.labelBytes() + " label byte" + (format.labelBytes() > 1 ? "s" : "") + " + 3,072 pixel"
                        + " bytes); the file is truncated or not " + format.name() + "'s binary version: download "
                        + format.archive() + " again");
            }
            records += size / recordSize;
        }
        long kept = limit > 0 ? Math.min(records, limit) : records;
        if (kept * PIXELS > Integer.MAX_VALUE - 8) {
            throw new PluginInputException(DIR + ": " + String.join(", ", files) + " in " + dir + " hold " + Counts.of(records)
                    + " records, more than one array can hold; read fewer with train_limit or test_limit");
        }
        byte[] pixels = new byte[(int) kept * PIXELS];
        int[] labels = new int[(int) kept];
        byte[] record = new byte[recordSize];
        int read = 0;
        for (String name : files) {
            try (InputStream raw = new DigestInputStream(Files.newInputStream(dir.resolve(name)), digest);
                 DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
                long inFile = Files.size(dir.resolve(name)) / recordSize;
                for (long r = 0; r < inFile && read < kept; r++) {
                    readRecord(in, record, name);
                    int value = Byte.toUnsignedInt(record[label.byteIndex()]);
                    if (value >= label.classes()) {
                        throw new PluginInputException(DIR + ": " + name + " in " + dir + ": record " + Counts.of(r + 1)
                                + " has label " + value + ", but " + label.what() + " are 0 to " + (label.classes() - 1)
                                + "; the file is not " + format.name() + "'s binary version");
                    }
                    labels[read] = value;
                    System.arraycopy(record, format.labelBytes(), pixels, read * PIXELS, PIXELS);
                    read++;
                }
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
        return new ByteSource(ByteSamples.wrap(pixels, PIXELS), labels);
    }

    private void readRecord(DataInputStream in, byte[] record, String name) throws IOException {
        try {
            in.readFully(record);
        } catch (EOFException e) {
            throw new PluginInputException(DIR + ": " + name + " in " + dir + " ended while it was read; was it changed"
                    + " meanwhile?");
        }
    }

    /**
     * The dataset: the training files (first {@code train_limit} records) with a stratified, seeded
     * {@code validation_split}, and the test file (first {@code test_limit} records). Its classes are
     * named by the {@code class_names} parameter, else by the folder's {@code namesFile}, else by
     * {@code fallback} (see {@link ClassNames#fixed}; {@code dataset} names the data set in its errors).
     */
    DatasetSplits splits(Params params, long seed, Label label, String namesFile, List<String> fallback, String dataset)
            throws IOException {
        List<String> classNames = ClassNames.fixed(ClassNames.given(params), dir.resolve(namesFile), fallback,
                label.classes(), dataset);
        ByteSource train = read(format.trainFiles(), label, params.getInt(SampleLimits.TRAIN_LIMIT));
        ByteSource test = read(List.of(format.testFile()), label, params.getInt(SampleLimits.TEST_LIMIT));
        HoldOut.Indices parts = HoldOut.split(train, params.getDouble(HoldOut.VALIDATION_SPLIT), 0, seed,
                "training samples");
        return new DatasetSplits(InputShape.image(3, SIDE, SIDE), classNames, parts.train(train),
                parts.validation(train), test, hexDigest());
    }

    /** The SHA-256 of every byte of the files read so far, in hex. */
    String hexDigest() {
        return Sha256.hex(digest);
    }
}
