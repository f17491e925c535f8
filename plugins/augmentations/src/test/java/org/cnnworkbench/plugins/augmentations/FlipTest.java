package org.cnnworkbench.plugins.augmentations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.Stream;
import org.cnnworkbench.api.Image;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.testkit.TestParams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What both flips do alike: their probability and how they take chance from the Random. */
class FlipTest {

    static Stream<Flip> flips() {
        return Stream.of(new HorizontalFlip(), new VerticalFlip());
    }

    private static ImageTransform withProbability(Flip flip, double probability) {
        return flip.create(TestParams.of(flip, "probability", probability));
    }

    @ParameterizedTest
    @MethodSource("flips")
    void flipsAboutTheGivenShareOfImagesTakingChanceOnlyFromTheRandom(Flip flip) {
        ImageTransform half = withProbability(flip, 0.5);

        String first = flipped(half, new Random(42), 1000);
        String again = flipped(half, new Random(42), 1000);

        assertThat(again).isEqualTo(first);
        assertThat(first.chars().filter(c -> c == 'F').count()).isBetween(450L, 550L);
        assertThat(Images.draws(half)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("flips")
    void drawsOneNumberPerImageWhateverTheProbability(Flip flip) {
        Random used = new Random(7);
        Random reference = new Random(7);

        withProbability(flip, 1).apply(twoByTwo(), used);
        withProbability(flip, 0).apply(twoByTwo(), used);
        reference.nextDouble();
        reference.nextDouble();

        assertThat(used.nextLong()).isEqualTo(reference.nextLong());
    }

    @ParameterizedTest
    @MethodSource("flips")
    void declaresItsProbability(Flip flip) {
        assertThat(flip.parameters()).singleElement().satisfies(spec -> {
            assertThat(spec.name()).isEqualTo("probability");
            assertThat(spec.defaultValue()).isEqualTo(0.5);
            assertThat(spec.rangeText()).isEqualTo("[0.0, 1.0]");
        });
    }

    private static Image twoByTwo() {
        return new Image(new float[] {1, 2, 3, 4}, 0, 1, 2, 2);
    }

    /** F for each flipped image (its first value changed), '.' for each kept one. */
    private static String flipped(ImageTransform transform, Random random, int images) {
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < images; i++) {
            Image image = twoByTwo();
            transform.apply(image, random);
            seen.append(image.data()[0] == 1 ? '.' : 'F');
        }
        return seen.toString();
    }
}
