package org.cnnworkbench.plugins.datasets;

import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.PluginInputException;

/**
 * An image file and its label file, checked to belong together (same count in their headers).
 */
record IdxPart(IdxReader.Images images, IdxReader.Labels labels) {

    IdxPart {
        if (images.count() != labels.count()) {
            throw new PluginInputException(labels.param() + ": " + labels.path() + " has " + labels.count()
                    + " labels but " + images.param() + " has " + images.count() + " images; give the label"
                    + " file that belongs to " + images.path().getFileName());
        }
    }

    /** Checks that this part's images have the size of {@code reference}'s. */
    void requireSameImageSize(IdxPart reference) {
        IdxReader.Images ours = images;
        IdxReader.Images theirs = reference.images;
        if (ours.rows() != theirs.rows() || ours.cols() != theirs.cols()) {
            throw new PluginInputException(ours.param() + ": " + ours.path() + " has images of " + ours.rows() + "x"
                    + ours.cols() + " but " + theirs.param() + " has " + theirs.rows() + "x" + theirs.cols()
                    + "; all splits must have images of one size");
        }
    }

    /** The largest label kept, or -1 when no sample is kept. */
    int maxLabel() {
        int max = -1;
        for (byte label : labels.labels()) {
            max = Math.max(max, Byte.toUnsignedInt(label));
        }
        return max;
    }

    DataSource source() {
        byte[] bytes = labels.labels();
        int[] classes = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            classes[i] = Byte.toUnsignedInt(bytes[i]);
        }
        return new ByteSource(ByteSamples.wrap(images.pixels(), images.rows() * images.cols()), classes);
    }
}
