package org.cnnworkbench.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The configurations of a grid: the cartesian product of each active parameter's grid values. */
final class Grid {

    /** Larger grids are refused when the sweep is parsed. */
    static final int MAX_SIZE = 1_000_000;

    private Grid() {
    }

    /**
     * Every configuration, in a fixed order (the first parameter in sampling order varies slowest); a
     * conditional parameter only branches where it is active. Throws {@link IllegalArgumentException}
     * when there would be more than {@code cap}.
     */
    static List<Map<String, Object>> enumerate(SearchSpace space, Integer gridPoints, int cap) {
        List<SearchSpace.Parameter> order = space.samplingOrder();
        List<List<Object>> values = order.stream().map(p -> p.distribution().gridValues(gridPoints)).toList();
        List<Map<String, Object>> out = new ArrayList<>();
        walk(space, order, values, 0, new LinkedHashMap<>(), out, cap);
        return out;
    }

    private static void walk(SearchSpace space, List<SearchSpace.Parameter> order, List<List<Object>> values, int index,
                             Map<String, Object> chosen, List<Map<String, Object>> out, int cap) {
        if (index == order.size()) {
            if (out.size() >= cap) {
                throw new IllegalArgumentException("grid has more than " + String.format("%,d", cap) + " configurations");
            }
            out.add(space.inFileOrder(chosen));
            return;
        }
        SearchSpace.Parameter p = order.get(index);
        if (!p.isActive(chosen)) {
            walk(space, order, values, index + 1, chosen, out, cap);
            return;
        }
        for (Object v : values.get(index)) {
            chosen.put(p.path(), v);
            walk(space, order, values, index + 1, chosen, out, cap);
        }
        chosen.remove(p.path());
    }
}
