package org.cnnworkbench.plugins.augmentations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;

/**
 * How a geometric augmentation fills the pixels it moves in from outside the image: Keras'
 * {@code fill_mode} and {@code cval}, declared as {@code fill_mode} and {@code fill_value}.
 *
 * @param mode  where samples outside the image come from
 * @param value the value of every outside sample in {@link Mode#CONSTANT} mode, in {@code [0, 1]}
 */
record Fill(Mode mode, float value) {
    static final String FILL_MODE = "fill_mode";
    static final String FILL_VALUE = "fill_value";

    /** The two parameters every geometric augmentation declares after its own. */
    static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.choice(FILL_MODE, "nearest", List.of("nearest", "constant", "reflect", "wrap"),
                    "outside pixels: nearest = edge pixel (aaa|abcd|ddd), constant = fill_value (kkk|abcd|kkk), "
                            + "reflect = mirror (cba|abcd|dcb), wrap = periodic (bcd|abcd|abc)"),
            ParamSpec.number(FILL_VALUE, 0.0, 0, 1, "value of outside pixels when fill_mode is constant (0 = black, 1 = white)"));

    /** {@code own} parameters followed by {@code fill_mode} and {@code fill_value}. */
    static List<ParamSpec> after(ParamSpec... own) {
        List<ParamSpec> all = new ArrayList<>(List.of(own));
        all.addAll(PARAMETERS);
        return List.copyOf(all);
    }

    /**
     * Where a sample at an integer position outside {@code [0, n)} comes from, as in SciPy's
     * {@code ndimage} modes that Keras uses (its {@code reflect} repeats the edge pixel).
     */
    enum Mode {
        /** The nearest edge pixel. */
        NEAREST,
        /** No pixel: the fill value. */
        CONSTANT,
        /** The image mirrored about its edge, the edge pixel repeated: {@code dcba|abcd|dcba}. */
        REFLECT,
        /** The image repeated: {@code abcd|abcd|abcd}. */
        WRAP;

        /**
         * The index inside {@code [0, n)} that position {@code i} reads; for {@link #CONSTANT}, the
         * nearest one (the caller decides beforehand whether the position is outside).
         */
        int index(int i, int n) {
            if (i >= 0 && i < n) {
                return i;
            }
            return switch (this) {
                case NEAREST, CONSTANT -> i < 0 ? 0 : n - 1;
                case REFLECT -> {
                    int m = Math.floorMod(i, 2 * n);
                    yield m < n ? m : 2 * n - 1 - m;
                }
                case WRAP -> Math.floorMod(i, n);
            };
        }
    }

    /** The fill that {@code params} (validated against {@link #PARAMETERS}) choose. */
    static Fill from(Params params) {
        return new Fill(Mode.valueOf(params.getString(FILL_MODE).toUpperCase(Locale.ROOT)), (float) params.getDouble(FILL_VALUE));
    }
}
