package org.cnnworkbench.plugins.datasets;

import java.util.Locale;
import org.cnnworkbench.api.PluginInputException;

/**
 * Samples of a fixed size kept as unsigned bytes (one byte per value), the compact form in which
 * image datasets hold their pixels: four times smaller than floats, scaled to {@code [0, 1]} only
 * as they are read. Large sets are held in chunks of at most 1 GiB, since one Java array cannot
 * pass 2 GiB (530,000 images of 64×64×3 take 6.5 GB). Filled while a dataset loads (distinct
 * samples may be written from several threads), then only read, from any thread.
 */
final class ByteSamples {
    static final int MAX_CHUNK_BYTES = 1 << 30;

    private final byte[][] chunks;
    private final int sampleSize;
    private final int perChunk;
    private final int count;

    private ByteSamples(byte[][] chunks, int sampleSize, int perChunk, int count) {
        this.chunks = chunks;
        this.sampleSize = sampleSize;
        this.perChunk = perChunk;
        this.count = count;
    }

    /** The samples already in {@code bytes}, one after another (no copy). */
    static ByteSamples wrap(byte[] bytes, int sampleSize) {
        if (sampleSize < 1 || bytes.length % sampleSize != 0) {
            throw new IllegalArgumentException(bytes.length + " bytes do not hold whole samples of " + sampleSize);
        }
        int count = bytes.length / sampleSize;
        return new ByteSamples(new byte[][] {bytes}, sampleSize, Math.max(1, count), count);
    }

    /**
     * Room for {@code count} zeroed samples of {@code sampleSize} bytes, after checking that the
     * JVM has that much memory to spare.
     *
     * @param what   the samples, as users read it (e.g. "1,204 images of 64x64x3")
     * @param advice how to need less memory, ending the message
     * @throws PluginInputException when the memory needed exceeds what the JVM can still allocate
     */
    static ByteSamples allocate(int count, int sampleSize, String what, String advice) {
        return allocate(count, sampleSize, what, advice, MAX_CHUNK_BYTES);
    }

    /** As {@link #allocate(int, int, String, String)}, with chunks of at most {@code chunkBytes} (for tests). */
    static ByteSamples allocate(int count, int sampleSize, String what, String advice, int chunkBytes) {
        long needed = (long) count * sampleSize;
        Runtime runtime = Runtime.getRuntime();
        long available = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (needed > available) {
            throw new PluginInputException(what + " need " + gigabytes(needed) + " in memory, but the JVM can allocate"
                    + " only about " + gigabytes(available) + " more (maximum heap " + gigabytes(runtime.maxMemory()) + "); "
                    + advice);
        }
        int perChunk = Math.max(1, chunkBytes / sampleSize);
        int chunkCount = count == 0 ? 0 : (count + perChunk - 1) / perChunk;
        byte[][] chunks = new byte[chunkCount][];
        for (int c = 0; c < chunkCount; c++) {
            int samples = Math.min(perChunk, count - c * perChunk);
            chunks[c] = new byte[Math.multiplyExact(samples, sampleSize)];
        }
        return new ByteSamples(chunks, sampleSize, perChunk, count);
    }

    /** Bytes in decimal gigabytes with one decimal, as disk and memory sizes are usually quoted. */
    static String gigabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }

    int count() {
        return count;
    }

    int sampleSize() {
        return sampleSize;
    }

    /** The array that holds sample {@code index}; it starts at {@link #offset(int)}. */
    byte[] chunk(int index) {
        return chunks[index / perChunk];
    }

    int offset(int index) {
        return (index % perChunk) * sampleSize;
    }

    /** Copies sample {@code from} over sample {@code to} (for compacting after dropping samples). */
    void copy(int from, int to) {
        System.arraycopy(chunk(from), offset(from), chunk(to), offset(to), sampleSize);
    }

    /** The first {@code n} samples, sharing this storage. */
    ByteSamples first(int n) {
        if (n < 0 || n > count) {
            throw new IllegalArgumentException("cannot keep " + n + " of " + count + " samples");
        }
        return new ByteSamples(chunks, sampleSize, perChunk, n);
    }

    /** Writes sample {@code index} into {@code destination} from {@code offset}, each byte / 255. */
    void read(int index, float[] destination, int offset) {
        byte[] chunk = chunk(index);
        int start = offset(index);
        for (int i = 0; i < sampleSize; i++) {
            destination[offset + i] = Byte.toUnsignedInt(chunk[start + i]) / 255f;
        }
    }
}
