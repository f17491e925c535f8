package org.cnnworkbench.api;

/**
 * One training image, mutable, in channels × height × width order with values in {@code [0, 1]}.
 * {@link Augmentation} transforms work on it in place; the engine owns the array and reuses it.
 */
public final class Image {
    private final float[] data;
    private final int offset;
    private final int channels;
    private final int height;
    private final int width;

    /** Wraps {@code channels × height × width} values of {@code data} starting at {@code offset}. */
    public Image(float[] data, int offset, int channels, int height, int width) {
        if (offset < 0 || offset + (long) channels * height * width > data.length) {
            throw new IllegalArgumentException("image " + channels + "x" + height + "x" + width
                    + " at offset " + offset + " does not fit an array of " + data.length);
        }
        this.data = data;
        this.offset = offset;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** The backing array; values of this image start at {@link #offset()}. */
    public float[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    /** Index into {@link #data()} of channel {@code c}, row {@code y}, column {@code x}. */
    public int index(int c, int y, int x) {
        return offset + (c * height + y) * width + x;
    }

    public float get(int c, int y, int x) {
        return data[index(c, y, x)];
    }

    public void set(int c, int y, int x, float value) {
        data[index(c, y, x)] = value;
    }
}
