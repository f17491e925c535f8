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
 * Changes the contrast of an image with the course's formula {@code 128 + f·(p − 128)} on 0–255
 * pixels, here {@code 0.5 + f·(p − 0.5)} on {@code [0, 1]} (the midpoint is 127.5 of 255, half a
 * grey level from 128), clipped to {@code [0, 1]}: f above 1 raises the contrast, below 1 lowers
 * it, 0 gives flat grey. Unlike Keras' {@code RandomContrast}, which stretches about each image's
 * mean, the midpoint is fixed, as in the seeds' preprocessing of photos of digits. The factor is
 * {@code factor} when given, else uniform in {@code [min, max]}; the change applies with
 * {@code probability}. Draws exactly two numbers from the trial's Random per image (the chance,
 * then the factor). Parameters:
 * <ul>
 *   <li>{@code min}, {@code max} (default 0.8 and 1.2, 0–10): the factor range</li>
 *   <li>{@code factor} (0–10, no default): a fixed factor instead of min/max</li>
 *   <li>{@code probability} (default 1.0): the chance that an image is changed</li>
 * </ul>
 */
@Extension
public class Contrast extends ConfigurableExtension implements Augmentation {
    static final String FACTOR = "factor";
    private static final double DEFAULT_MIN = 0.8;
    private static final double DEFAULT_MAX = 1.2;

    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.number(MIN, DEFAULT_MIN, 0, 10, "smallest contrast factor f in 0.5 + f * (p - 0.5)"),
            ParamSpec.number(MAX, DEFAULT_MAX, 0, 10, "largest contrast factor"),
            ParamSpec.optionalNumber(FACTOR, 0.0, 10.0,
                    "a fixed contrast factor instead of min/max (the seeds' 128 + f * (p - 128))"),
            Chance.parameter(1.0, "changed"));

    public Contrast() {
        super("contrast",
                "Changes the contrast of training images about mid-grey: 128 + f * (p - 128)",
                PARAMETERS);
    }

    @Override
    public ImageTransform create(Params params) {
        Uniform factors = factors(params);
        double probability = params.getDouble(Chance.PROBABILITY);
        return (image, random) -> {
            boolean change = random.nextDouble() < probability;
            float factor = (float) factors.draw(random);
            if (change) {
                Values.map(image, value -> apply(value, factor));
            }
        };
    }

    /** The formula for one value on {@code [0, 1]}, clipped. */
    static float apply(float value, float factor) {
        return Math.max(0f, Math.min(1f, 0.5f + factor * (value - 0.5f)));
    }

    private static Uniform factors(Params params) {
        if (!params.has(FACTOR)) {
            return Uniform.between(params);
        }
        if (params.getDouble(MIN) != DEFAULT_MIN || params.getDouble(MAX) != DEFAULT_MAX) {
            throw new PluginInputException("give either 'factor' (" + params.getDouble(FACTOR) + ") or 'min' and 'max' ("
                    + params.getDouble(MIN) + ", " + params.getDouble(MAX) + "), not both");
        }
        return Uniform.fixed(params.getDouble(FACTOR));
    }
}
