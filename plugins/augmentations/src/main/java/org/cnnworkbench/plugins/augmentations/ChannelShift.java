package org.cnnworkbench.plugins.augmentations;

import java.util.List;
import org.cnnworkbench.api.Augmentation;
import org.cnnworkbench.api.ConfigurableExtension;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.pf4j.Extension;

/**
 * Adds to every value of each channel an offset drawn uniformly from {@code [-range, range]} (on
 * the {@code [0, 1]} scale: Keras' {@code channel_shift_range=r} on 0–255 pixels is
 * {@code range = r / 255}), clipped to {@code [0, 1]}. By default each channel gets its own offset,
 * which shifts the colours; with {@code per_channel: false} one offset serves all channels, as Keras'
 * {@code apply_channel_shift} does (Keras then clips to the image's own minimum and maximum, this
 * to {@code [0, 1]}). Draws one number per channel from the trial's Random per image (one with
 * {@code per_channel: false}). Parameters {@code range} (default 0.1, 0–1) and {@code per_channel}
 * (default true).
 */
@Extension
public class ChannelShift extends ConfigurableExtension implements Augmentation {
    static final String RANGE = "range";
    static final String PER_CHANNEL = "per_channel";

    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.number(RANGE, 0.1, 0, 1, "largest offset either way, on the [0, 1] scale (Keras' channel_shift_range / 255)"),
            ParamSpec.bool(PER_CHANNEL, true, "a separate offset for each channel; false adds one offset to all, as Keras does"));

    public ChannelShift() {
        super("channel-shift",
                "Shifts the values of each channel by a random offset (Keras' channel_shift_range)",
                PARAMETERS);
    }

    @Override
    public ImageTransform create(Params params) {
        double range = params.getDouble(RANGE);
        boolean perChannel = params.getBoolean(PER_CHANNEL);
        return (image, random) -> {
            float[] data = image.data();
            int plane = image.height() * image.width();
            float shift = 0;
            for (int c = 0; c < image.channels(); c++) {
                if (c == 0 || perChannel) {
                    shift = (float) Uniform.plusMinus(range, random);
                }
                int start = image.index(c, 0, 0);
                for (int i = start; i < start + plane; i++) {
                    data[i] = Math.max(0f, Math.min(1f, data[i] + shift));
                }
            }
        };
    }
}
