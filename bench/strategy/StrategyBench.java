import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cnnworkbench.sweep.FinishedTrial;
import org.cnnworkbench.sweep.Sampler;
import org.cnnworkbench.sweep.Samplers;
import org.cnnworkbench.sweep.SweepSpec;

/**
 * The workbench side of bench/strategy.sh: for each test function, strategy and seed, a sweep section
 * goes through SweepSpec.parse and Samplers.create exactly as a real sweep's would, each configuration
 * is scored by the function, and the best value found is printed as CSV: function,strategy,seed,best.
 * Arguments: seeds, Branin trials, Hartmann-6 trials, strategies (comma-separated), optional
 * strategy_options JSON for tpe.
 */
public class StrategyBench {

    record Function(String name, int trials, String parameters, ToDoubleFunction<Map<String, Object>> f) {
    }

    public static void main(String[] args) throws Exception {
        int seeds = Integer.parseInt(args[0]);
        int braninTrials = Integer.parseInt(args[1]);
        int hartmannTrials = Integer.parseInt(args[2]);
        String[] strategies = args[3].split(",");
        String tpeOptions = args.length > 4 ? args[4] : null;
        ObjectMapper json = new ObjectMapper();
        List<Function> functions = List.of(
                new Function("branin", braninTrials, "{\"x1\": {\"uniform\": [-5, 10]}, \"x2\": {\"uniform\": [0, 15]}}",
                        StrategyBench::branin),
                new Function("hartmann6", hartmannTrials, hartmannSpace(), StrategyBench::hartmann6));
        for (Function function : functions) {
            for (String strategy : strategies) {
                for (int seed = 0; seed < seeds; seed++) {
                    ObjectNode sweep = (ObjectNode) json.readTree("{\"strategy\": \"" + strategy + "\", \"trials\": " + function.trials()
                            + ", \"seed\": " + seed + ", \"objective\": {\"metric\": \"value\", \"direction\": \"minimize\"},"
                            + " \"parameters\": " + function.parameters() + "}");
                    if (tpeOptions != null && strategy.equals("tpe")) {
                        sweep.set("strategy_options", json.readTree(tpeOptions));
                    }
                    List<String> problems = new ArrayList<>();
                    SweepSpec spec = SweepSpec.parse(sweep, "/sweep", (at, message) -> problems.add(at + ": " + message));
                    if (spec == null) {
                        throw new IllegalStateException(String.join("\n", problems));
                    }
                    System.out.println(function.name() + "," + strategy + "," + seed + "," + run(spec, function));
                }
            }
        }
    }

    static double run(SweepSpec spec, Function function) {
        Sampler sampler = Samplers.create(spec);
        List<FinishedTrial> history = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (int number = 0; number < spec.configurationBudget(); number++) {
            Map<String, Object> params = sampler.sample(number, List.copyOf(history));
            double value = function.f().applyAsDouble(params);
            history.add(new FinishedTrial(number, params, false, value));
            best = Math.min(best, value);
        }
        return best;
    }

    static double x(Map<String, Object> params, String name) {
        return ((Number) params.get(name)).doubleValue();
    }

    static double branin(Map<String, Object> p) {
        double x1 = x(p, "x1");
        double x2 = x(p, "x2");
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        double u = x2 - b * x1 * x1 + c * x1 - 6;
        return u * u + 10 * (1 - t) * Math.cos(x1) + 10;
    }

    static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
    static final double[][] A = {
            {10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
    static final double[][] P = {
            {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886}, {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
            {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650}, {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};

    static String hartmannSpace() {
        Map<String, String> space = new LinkedHashMap<>();
        for (int j = 1; j <= 6; j++) {
            space.put("x" + j, "{\"uniform\": [0, 1]}");
        }
        StringBuilder b = new StringBuilder("{");
        space.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append('"').append(k).append("\": ").append(v));
        return b.append('}').toString();
    }

    static double hartmann6(Map<String, Object> p) {
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            double inner = 0;
            for (int j = 0; j < 6; j++) {
                double d = x(p, "x" + (j + 1)) - P[i][j];
                inner += A[i][j] * d * d;
            }
            sum += ALPHA[i] * Math.exp(-inner);
        }
        return -sum;
    }
}
