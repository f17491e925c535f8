package org.cnnworkbench.api;

import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * The shape of one sample. Images are channels × height × width (NCHW, as the engine feeds
 * DL4J); sequences (for Conv1D) are channels × length, stored with {@code height == 1} and
 * {@code width == length}.
 */
public record InputShape(Kind kind, int channels, int height, int width) {

    /** Whether a sample is an image or a 1-D sequence. */
    public enum Kind { IMAGE, SEQUENCE }

    public InputShape {
        if (kind == null) {
            throw new IllegalArgumentException("kind must be given");
        }
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("shape dimensions must be positive, found "
                    + channels + "x" + height + "x" + width);
        }
        if (kind == Kind.SEQUENCE && height != 1) {
            throw new IllegalArgumentException("a sequence has height 1, found " + height);
        }
    }

    public static InputShape image(int channels, int height, int width) {
        return new InputShape(Kind.IMAGE, channels, height, width);
    }

    public static InputShape sequence(int channels, int length) {
        return new InputShape(Kind.SEQUENCE, channels, 1, length);
    }

    /** Number of values in one sample. */
    public int size() {
        return channels * height * width;
    }

    /** The DL4J input type for {@code setInputType}. */
    public InputType toInputType() {
        return kind == Kind.IMAGE
                ? InputType.convolutional(height, width, channels)
                : InputType.recurrent(channels, width);
    }

    /** As Keras prints it: height × width × channels, or length × channels. */
    @Override
    public String toString() {
        return kind == Kind.IMAGE ? height + "x" + width + "x" + channels : width + "x" + channels;
    }
}
