import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.cnnworkbench.sweep.FinishedTrial;
import org.cnnworkbench.sweep.Pruner;
import org.cnnworkbench.sweep.Pruners;
import org.cnnworkbench.sweep.Sampler;
import org.cnnworkbench.sweep.Samplers;
import org.cnnworkbench.sweep.SweepSpec;
import org.cnnworkbench.sweep.TrialCurve;

/**
 * The fidelity side of bench/strategy.sh: strategies that stop trials early (asha, hyperband) next to
 * those that train every trial fully (random, halton, tpe), all with the same budget of epochs, on
 * simulated learning curves: scheduling.sh's (the --simulate-epochs curves: quality from the learning
 * rate, val_accuracy = 0.1 + 0.8 * progress * quality, progress = 1 - exp(-epoch * speed / 2)), with a
 * dropout term in the quality and a speed that grows with the learning rate, so that high learning
 * rates look better early than they end (the bias early stopping has to live with). Every sweep section
 * goes through SweepSpec.parse, Samplers.create and Pruners.forSweep as a real sweep's would, one
 * trial after the other (one worker), each pruner seeing every earlier trial's curve. Prints
 * curves,strategy,seed,best where best = -(the best final val_accuracy of a trial that trained all
 * MAX_EPOCHS epochs), so that report.py's regret (best - optimum) applies.
 * Arguments: seeds, budget in epochs, max epochs per trial, strategies (comma-separated).
 */
public class FidelityBench {

    public static void main(String[] args) throws Exception {
        int seeds = Integer.parseInt(args[0]);
        int budget = Integer.parseInt(args[1]);
        int maxEpochs = Integer.parseInt(args[2]);
        String[] strategies = args[3].split(",");
        ObjectMapper json = new ObjectMapper();
        for (String strategy : strategies) {
            for (int seed = 0; seed < seeds; seed++) {
                String section = switch (strategy) {
                    case "asha" -> "\"strategy\": \"random\", \"pruner\": {\"type\": \"asha\", \"min_epochs\": 1, \"reduction_factor\": 3}";
                    case "hyperband" -> "\"strategy\": \"hyperband\", \"strategy_options\": {\"min_epochs\": 1, \"max_epochs\": "
                            + maxEpochs + ", \"eta\": 3}";
                    default -> "\"strategy\": \"" + strategy + "\"";
                };
                String text = "{" + section + ", \"trials\": 1000, \"seed\": " + seed
                        + ", \"objective\": {\"metric\": \"val_accuracy\", \"direction\": \"maximize\"}, \"parameters\": "
                        + "{\"training.learning_rate\": {\"log_uniform\": [1.0e-5, 1.0e-1]}, \"dropout\": {\"uniform\": [0, 0.6]}}}";
                List<String> problems = new ArrayList<>();
                SweepSpec spec = SweepSpec.parse(json.readTree(text), "/sweep", (at, message) -> problems.add(at + ": " + message));
                if (spec == null) {
                    throw new IllegalStateException(String.join("\n", problems));
                }
                System.out.println("curves," + strategy + "," + seed + "," + (-run(spec, budget, maxEpochs)));
            }
        }
    }

    /** val_accuracy of a configuration at an epoch. */
    static double valAccuracy(Map<String, Object> p, int epoch) {
        double lr = ((Number) p.get("training.learning_rate")).doubleValue();
        double dropout = ((Number) p.get("dropout")).doubleValue();
        double quality = 1.0 / (1.0 + Math.pow(Math.log10(lr) + 2.5, 2) + Math.pow((dropout - 0.25) / 0.25, 2));
        double speed = Math.pow(10, 0.3 * (Math.log10(lr) + 3));
        double progress = 1 - Math.exp(-epoch * speed / 2.0);
        return 0.1 + 0.8 * progress * quality;
    }

    /** The best final val_accuracy of a trial that trained every epoch, within {@code budget} epochs in all. */
    static double run(SweepSpec spec, int budget, int maxEpochs) {
        Sampler sampler = Samplers.create(spec);
        Pruner pruner = Pruners.forSweep(spec);
        List<FinishedTrial> history = new ArrayList<>();
        List<TrialCurve> curves = new ArrayList<>();
        double best = 0;
        int spent = 0;
        for (int number = 0; spent < budget; number++) {
            Map<String, Object> params = sampler.sample(number, List.copyOf(history));
            List<Map<String, Double>> epochs = new ArrayList<>();
            boolean pruned = false;
            for (int epoch = 1; epoch <= maxEpochs && spent < budget; epoch++) {
                epochs.add(Map.of("val_accuracy", valAccuracy(params, epoch)));
                spent++;
                if (pruner != null && epoch < maxEpochs) {
                    Optional<String> reason = pruner.shouldPrune(new TrialCurve(number, false, epochs), List.copyOf(curves));
                    if (reason.isPresent()) {
                        pruned = true;
                        break;
                    }
                }
            }
            double last = epochs.get(epochs.size() - 1).get("val_accuracy");
            if (!pruned && epochs.size() == maxEpochs) {
                best = Math.max(best, last);
            }
            curves.add(new TrialCurve(number, true, epochs));
            history.add(new FinishedTrial(number, params, pruned, epochs.stream().mapToDouble(e -> e.get("val_accuracy")).max().orElse(Double.NaN)));
        }
        return best;
    }
}
