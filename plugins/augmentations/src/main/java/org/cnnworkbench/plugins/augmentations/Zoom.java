package org.cnnworkbench.plugins.augmentations;

import static org.cnnworkbench.plugins.augmentations.Uniform.MAX;
import static org.cnnworkbench.plugins.augmentations.Uniform.MIN;

import java.util.List;
import org.cnnworkbench.api.Augmentation;
import org.cnnworkbench.api.ConfigurableExtension;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.PluginInputException;
import org.pf4j.Extension;

/**
 * Zooms each image about its centre (Keras' {@code zoom_range}): a factor drawn uniformly from
 * {@code [1 - range, 1 + range]}, or from {@code [min, max]} when both are given, for the rows and
 * another for the columns, as Keras draws them (one factor for both with
 * {@code keep_aspect_ratio: true}). As in Keras the factor scales the area read: above 1 the
 * picture shrinks and more of the scene shows (the border filled by {@code fill_mode}), below 1 it
 * is enlarged and cropped. Resampled bilinearly. Draws exactly two numbers from the trial's Random
 * per image (rows, then columns), one with {@code keep_aspect_ratio}.
 * Several geometric augmentations in a list resample once each; {@link Affine} ({@code affine}) does
 * rotation, shift, shear and zoom in one resampling, as Keras does. Parameters:
 * <ul>
 *   <li>{@code range} (default 0.2, 0–0.95): factors in {@code [1 - range, 1 + range]}</li>
 *   <li>{@code min}, {@code max} (0.05–20, no default): the factor range instead of {@code range};
 *       give both, and then leave {@code range} out</li>
 *   <li>{@code keep_aspect_ratio} (default false): one factor for rows and columns</li>
 *   <li>{@code fill_mode}, {@code fill_value}: see {@link Fill}</li>
 * </ul>
 */
@Extension
public class Zoom extends ConfigurableExtension implements Augmentation {
    static final String RANGE = "range";
    static final String KEEP_ASPECT_RATIO = "keep_aspect_ratio";
    private static final double DEFAULT_RANGE = 0.2;

    private static final List<ParamSpec> PARAMETERS = Fill.after(
            ParamSpec.number(RANGE, DEFAULT_RANGE, 0, 0.95,
                    "zoom factors uniform in [1 - range, 1 + range] (Keras' zoom_range); above 1 shows more of the scene"),
            ParamSpec.optionalNumber(MIN, 0.05, 20.0,
                    "smallest zoom factor, with max, instead of range (Keras' zoom_range=[min, max])"),
            ParamSpec.optionalNumber(MAX, 0.05, 20.0,
                    "largest zoom factor, with min, instead of range"),
            ParamSpec.bool(KEEP_ASPECT_RATIO, false,
                    "one factor for both axes; false draws rows and columns apart, as Keras does"));

    public Zoom() {
        super("zoom",
                "Zooms training images in or out by a random factor about their centre (Keras' zoom_range)",
                PARAMETERS);
    }

    @Override
    public ImageTransform create(Params params) {
        Uniform factors = factors(params);
        boolean keepAspectRatio = params.getBoolean(KEEP_ASPECT_RATIO);
        Fill fill = Fill.from(params);
        return (image, random) -> {
            double rows = factors.draw(random);
            double cols = keepAspectRatio ? rows : factors.draw(random);
            AffineWarp.keras(0, 0, 0, 0, rows, cols).apply(image, fill);
        };
    }

    private static Uniform factors(Params params) {
        if (params.has(MIN) != params.has(MAX)) {
            throw new PluginInputException("give both 'min' and 'max' (the zoom factor range, e.g. min: 0.8, max: 1.2), "
                    + "or neither and 'range'; found only '" + (params.has(MIN) ? MIN : MAX) + "'");
        }
        if (!params.has(MIN)) {
            double range = params.getDouble(RANGE);
            return new Uniform(1 - range, 1 + range);
        }
        if (params.getDouble(RANGE) != DEFAULT_RANGE) {
            throw new PluginInputException("give either 'range' (" + params.getDouble(RANGE) + ") or 'min' and 'max', not both");
        }
        return Uniform.between(params);
    }
}
