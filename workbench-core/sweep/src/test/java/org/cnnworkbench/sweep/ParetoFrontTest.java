package org.cnnworkbench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sort-based Pareto front gives exactly the indices the all-pairs definition does. */
class ParetoFrontTest {

    /** The definition, as Pareto.front computed it before: each finite point checked against every other point. */
    private static List<Integer> allPairs(List<double[]> points) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (!Arrays.stream(points.get(i)).allMatch(Double::isFinite)) {
                continue;
            }
            boolean dominated = false;
            for (int j = 0; j < points.size() && !dominated; j++) {
                dominated = j != i && Pareto.dominates(points.get(j), points.get(i));
            }
            if (!dominated) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void randomPointsWithTiesAndMissingValuesGiveTheSameFront() {
        Random random = new Random(2026);
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0};
        int nonEmpty = 0;
        for (int round = 0; round < 3000; round++) {
            int dims = 1 + random.nextInt(4);
            int n = random.nextInt(60);
            int levels = 1 + random.nextInt(6);          // few distinct values: many ties
            double special = random.nextDouble() < 0.5 ? 0 : 0.05 + 0.2 * random.nextDouble();
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double[] p = new double[dims];
                for (int k = 0; k < dims; k++) {
                    p[k] = random.nextDouble() < special ? specials[random.nextInt(specials.length)]
                            : random.nextBoolean() ? random.nextInt(levels) : random.nextGaussian();
                }
                points.add(p);
                if (n > 0 && random.nextInt(10) == 0) {
                    points.add(points.get(random.nextInt(points.size())).clone());   // exact duplicates
                }
            }
            List<Integer> expected = allPairs(points);
            assertThat(Pareto.front(points)).as("round %d: %s", round, points.stream().map(Arrays::toString).toList())
                    .isEqualTo(expected);
            nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).isGreaterThan(1000);
    }

    @Test
    void oneObjectiveFrontIsTheBestValuesTies() {
        List<double[]> points = List.of(new double[] {0.3}, new double[] {0.1}, new double[] {Double.NaN}, new double[] {0.1},
                new double[] {Double.POSITIVE_INFINITY}, new double[] {0.2});
        assertThat(Pareto.front(points)).containsExactly(1, 3);
        assertThat(Pareto.front(List.of(new double[] {0.1}, new double[] {Double.NEGATIVE_INFINITY}))).isEmpty();
    }

    @Test
    void tenThousandPointsWithManyTiesAreQuick() {
        Random random = new Random(7);
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            points.add(new double[] {random.nextInt(3), random.nextInt(3)});
        }
        long start = System.nanoTime();
        List<Integer> front = Pareto.front(points);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(front).isEqualTo(allPairs(points));
        assertThat(ms).as("milliseconds for 10,000 points").isLessThan(2000);
    }
}
