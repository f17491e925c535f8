package org.cnnworkbench.plugins.augmentations;

import static org.cnnworkbench.plugins.augmentations.Uniform.MAX;
import static org.cnnworkbench.plugins.augmentations.Uniform.MIN;

import java.util.List;
import org.cnnworkbench.api.Augmentation;
import org.cnnworkbench.api.ConfigurableExtension;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.pf4j.Extension;

/**
 * Multiplies every value of an image by a factor drawn uniformly from {@code [min, max]}, clipped
 * to {@code [0, 1]} (Keras' {@code brightness_range=[min, max]}, which scales towards black as PIL's
 * brightness enhancer does). Draws exactly one number from the trial's Random per image.
 * Parameters {@code min} (default 0.8) and {@code max} (default 1.2), each 0–5, min ≤ max.
 */
@Extension
public class Brightness extends ConfigurableExtension implements Augmentation {

    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.number(MIN, 0.8, 0, 5, "smallest brightness factor (below 1 darkens; 0 is black)"),
            ParamSpec.number(MAX, 1.2, 0, 5, "largest brightness factor (above 1 brightens, clipped at white)"));

    public Brightness() {
        super("brightness",
                "Scales the brightness of training images by a random factor (Keras' brightness_range)",
                PARAMETERS);
    }

    @Override
    public ImageTransform create(Params params) {
        Uniform factors = Uniform.between(params);
        return (image, random) -> {
            float factor = (float) factors.draw(random);
            Values.map(image, value -> Math.min(1f, value * factor));
        };
    }
}
