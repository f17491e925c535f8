package org.cnnworkbench.plugins.datasets;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.PluginInputException;

/**
 * Decodes the images of one {@link ClassFolders} on a small pool of threads: each file is read
 * once, hashed and decoded. With {@code cache}, every sample goes straight into its slot of one
 * {@link ByteSamples} store (width × height × channels bytes per image, no other copy), and the
 * store is compacted over the files that failed. Without it, decoding only checks the files (the
 * pixels are dropped) and the source keeps the list of files, decoding each again when it is read.
 * Either way the files that could not be used are reported to a {@link SkipReport}, in file order.
 */
final class FolderImages {
    /** Largest image file read (its bytes are held whole while it is decoded). */
    static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    private final ImageDecoder decoder;
    private final int threads;

    FolderImages(ImageDecoder decoder, int threads) {
        this.decoder = decoder;
        this.threads = threads;
    }

    /**
     * What was loaded: the usable samples and, per class, how many of them there are.
     *
     * @param digests the SHA-256 of each listed file, in listing order ({@code null} for a file that could not be read)
     */
    record Loaded(ClassFolders folder, DataSource source, int[] perClass, byte[][] digests) {
    }

    /**
     * Loads {@code folder}, reporting unusable files to {@code skips} as {@code shownPrefix} + their
     * path below the folder.
     */
    Loaded load(ClassFolders folder, boolean cache, SkipReport skips, String shownPrefix) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < folder.classes().size(); c++) {
            for (Path file : folder.files().get(c)) {
                files.add(file);
                labels.add(c);
            }
        }
        int n = files.size();
        ByteSamples store = cache ? ByteSamples.allocate(n, decoder.sampleSize(),
                folder.param() + ": " + Counts.of(n) + " images of " + decoder.width() + "x" + decoder.height() + "x"
                        + decoder.channels(),
                "set cache: none to decode the images as they are read instead, or lower width, height or"
                        + " limit_per_class, or give the JVM more memory (-Xmx)") : null;
        String[] failures = new String[n];
        byte[][] digests = new byte[n][];
        runParallel(n, (i, scratch) -> {
            byte[] bytes;
            try {
                long size = Files.size(files.get(i));
                if (size > MAX_FILE_BYTES) {
                    failures[i] = "has " + Counts.of(size) + " bytes, more than the " + MAX_FILE_BYTES / (1024 * 1024)
                            + " MB an image file may have";
                    return;
                }
                bytes = Files.readAllBytes(files.get(i));
            } catch (IOException e) {
                failures[i] = "could not be read (" + e.getMessage() + ")";
                return;
            }
            digests[i] = Sha256.of(bytes);
            failures[i] = store != null ? decoder.decode(bytes, store.chunk(i), store.offset(i))
                    : decoder.decode(bytes, scratch, 0);
        });
        int kept = 0;
        int[] keptLabels = new int[n];
        Path[] keptFiles = new Path[n];
        int[] perClass = new int[folder.classes().size()];
        for (int i = 0; i < n; i++) {
            if (failures[i] != null) {
                skips.skip(shownPrefix + folder.root().relativize(files.get(i)), failures[i]);
                continue;
            }
            if (store != null && kept != i) {
                store.copy(i, kept);
            }
            keptLabels[kept] = labels.get(i);
            keptFiles[kept] = files.get(i);
            perClass[labels.get(i)]++;
            kept++;
        }
        skips.considered(n);
        int[] finalLabels = Arrays.copyOf(keptLabels, kept);
        DataSource source = store != null ? new ByteSource(store.first(kept), finalLabels)
                : new LazyImageSource(Arrays.copyOf(keptFiles, kept), finalLabels, decoder);
        return new Loaded(folder, source, perClass, digests);
    }

    /** Work on sample {@code index}, with a buffer of one sample that belongs to the calling thread. */
    private interface Task {
        void run(int index, byte[] scratch);
    }

    /** Runs {@code task} for 0 to n - 1 on the pool; returns when all are done, rethrowing the first failure. */
    private void runParallel(int n, Task task) throws IOException {
        AtomicInteger next = new AtomicInteger();
        List<Callable<Void>> workers = new ArrayList<>();
        for (int t = 0; t < Math.max(1, Math.min(threads, n)); t++) {
            workers.add(() -> {
                byte[] scratch = new byte[decoder.sampleSize()];
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    task.run(i, scratch);
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers.size(), runnable -> {
            Thread thread = new Thread(runnable, "image-folder-decode");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (Future<Void> done : pool.invokeAll(workers)) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while decoding images");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The digest of a loaded folder: each file's path below the folder and its SHA-256, in order. */
    static void digest(Loaded loaded, MessageDigest into) {
        int i = 0;
        for (List<Path> files : loaded.folder().files()) {
            for (Path file : files) {
                into.update(loaded.folder().root().relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                into.update((byte) 0);
                if (loaded.digests()[i] != null) {
                    into.update(loaded.digests()[i]);
                }
                i++;
            }
        }
    }

    /**
     * Checks that every class of {@code loaded} kept at least one image.
     *
     * @throws PluginInputException naming the first class folder all of whose files were unreadable
     */
    static void requireEveryClass(Loaded loaded) {
        ClassFolders folder = loaded.folder();
        for (int c = 0; c < loaded.perClass().length; c++) {
            if (loaded.perClass()[c] == 0) {
                int files = folder.files().get(c).size();
                throw new PluginInputException(folder.param() + ": class folder " + folder.root().resolve(folder.classes().get(c))
                        + " has no readable image: " + (files == 1 ? "its only file" : "all its " + Counts.of(files) + " files")
                        + " could not be decoded; add readable " + ClassFolders.KINDS + " images to it or remove it");
            }
        }
    }
}
