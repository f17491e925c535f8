package org.cnnworkbench.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.EpochMetrics;
import org.junit.jupiter.api.Test;

/** The honest downsampling of curves: spikes survive, ends are exact, zooming re-buckets, nothing is random. */
class CurvesTest {
    private static List<EpochMetrics> epochs(int n, java.util.function.IntFunction<Double> loss) {
        List<EpochMetrics> out = new ArrayList<>();
        for (int e = 1; e <= n; e++) {
            out.add(new EpochMetrics(e, Map.of("loss", loss.apply(e))));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> series(Map<String, Object> doc) {
        return (Map<String, Object>) ((Map<String, Object>) doc.get("series")).get("loss");
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>> points(Map<String, Object> s) {
        return (List<List<Object>>) s.get("points");
    }

    @Test
    void aSingleSpikeAmongManyPointsSurvivesAndTheEndsAreExact() {
        List<EpochMetrics> e = epochs(20_000, i -> i == 12_345 ? 50.0 : 1.0 / i);
        Map<String, Object> s = series(Curves.of(e, List.of("loss"), null, null, 400));
        assertThat(s.get("raw")).isEqualTo(false);
        List<List<Object>> pts = points(s);
        assertThat(pts.size()).isLessThanOrEqualTo(400);
        assertThat(pts).anySatisfy(p -> assertThat(p).containsExactly(12_345.0, 50.0));
        assertThat(pts.get(0)).containsExactly(1.0, 1.0);
        assertThat(pts.get(pts.size() - 1)).containsExactly(20_000.0, 1.0 / 20_000);
        // x never goes backwards, so the line is drawn left to right.
        for (int i = 1; i < pts.size(); i++) {
            assertThat((Double) pts.get(i).get(0)).isGreaterThanOrEqualTo((Double) pts.get(i - 1).get(0));
        }
        List<List<Object>> band = (List<List<Object>>) s.get("band");
        assertThat(band).anySatisfy(b -> assertThat((Double) b.get(2)).isEqualTo(50.0));
        assertThat(Curves.of(e, List.of("loss"), null, null, 400)).isEqualTo(Curves.of(e, List.of("loss"), null, null, 400));
    }

    @Test
    void fewPointsStayRawAndZoomingShowsTheRangeInDetail() {
        Map<String, Object> small = series(Curves.of(epochs(30, i -> (double) i), List.of("loss"), null, null, 400));
        assertThat(small.get("raw")).isEqualTo(true);
        assertThat(points(small)).hasSize(30);

        List<EpochMetrics> e = epochs(10_000, i -> Math.sin(i / 10.0));
        Map<String, Object> zoomed = series(Curves.of(e, List.of("loss"), 5_000, 5_100, 400));
        // 101 points in range plus one neighbour on each side: all of them, raw.
        assertThat(zoomed.get("raw")).isEqualTo(true);
        assertThat(points(zoomed)).hasSize(103);
        assertThat(points(zoomed).get(0).get(0)).isEqualTo(4_999.0);
        assertThat(points(zoomed).get(102).get(0)).isEqualTo(5_101.0);
    }

    @Test
    void nonFiniteValuesNeverPoisonABucketAndRawOnesAreKeptAsText() {
        List<EpochMetrics> e = epochs(5_000, i -> i % 7 == 0 ? Double.NaN : i == 100 ? Double.POSITIVE_INFINITY : 1.0);
        Map<String, Object> s = series(Curves.of(e, List.of("loss"), null, null, 100));
        for (List<Object> p : points(s)) {
            assertThat(p.get(1)).isIn(1.0);
        }
        Map<String, Object> raw = series(Curves.of(epochs(10, i -> i == 3 ? Double.NaN : 1.0), List.of("loss"), null, null, 100));
        assertThat(points(raw).get(2)).containsExactly(3.0, "NaN");
        assertThat(((Map<?, ?>) Curves.of(e, List.of("missing"), null, null, 100).get("series"))).isEmpty();
    }
}
