package org.cnnworkbench.sweep;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The knobs of the TPE strategy ({@code strategy_options:} in the sweep section); null means the
 * default declared in {@link #SETTINGS}.
 *
 * @param startup      configurations drawn at random before the model is used
 * @param candidates   candidates drawn from the good-trials density per configuration
 * @param gamma        fraction of the finished trials that count as good (at most 25 of them)
 * @param multivariate model parameters jointly (one kernel per trial over all parameters) or one by one
 * @param priorWeight  weight of the flat prior next to each trial's kernel
 * @param bandwidth    multivariate kernel width as a fraction of the range, before the n^(-1/(d+4)) shrinking
 */
public record TpeOptions(Integer startup, Integer candidates, Double gamma, Boolean multivariate, Double priorWeight,
                         Double bandwidth) {

    public static final TpeOptions DEFAULTS = new TpeOptions(null, null, null, null, null, null);

    static final List<Setting> SETTINGS = List.of(
            Setting.integer("n_startup", null, 1,
                    "random configurations first; default min(10, max(2, budget / 5)), 10 without a trial budget"),
            Setting.integer("candidates", 24, 1, "candidates scored per configuration"),
            Setting.number("gamma", 0.2, 0.0, true, 1.0, "fraction of finished trials taken as good (at most 25)"),
            new Setting("multivariate", Setting.Kind.BOOLEAN, true, 0, false, 0, "model parameters jointly"),
            Setting.number("prior_weight", 1.0, 0.0, true, Double.MAX_VALUE, "weight of the flat prior"),
            Setting.number("bandwidth", 0.1, 0.0, true, 1.0, "multivariate kernel width as a fraction of the range"));

    public int startupFor(int budget) {
        return startup != null ? startup : Math.min(10, Math.max(2, budget / 5));
    }

    public int candidatesOrDefault() {
        return candidates != null ? candidates : 24;
    }

    public double gammaOrDefault() {
        return gamma != null ? gamma : 0.2;
    }

    public boolean multivariateOrDefault() {
        return multivariate != null ? multivariate : true;
    }

    public double priorWeightOrDefault() {
        return priorWeight != null ? priorWeight : 1.0;
    }

    public double bandwidthOrDefault() {
        return bandwidth != null ? bandwidth : 0.1;
    }

    public boolean isDefault() {
        return startup == null && candidates == null && gamma == null && multivariate == null && priorWeight == null
                && bandwidth == null;
    }

    public JsonNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (startup != null) {
            node.put("n_startup", startup);
        }
        if (candidates != null) {
            node.put("candidates", candidates);
        }
        if (gamma != null) {
            node.put("gamma", gamma);
        }
        if (multivariate != null) {
            node.put("multivariate", multivariate);
        }
        if (priorWeight != null) {
            node.put("prior_weight", priorWeight);
        }
        if (bandwidth != null) {
            node.put("bandwidth", bandwidth);
        }
        return node;
    }
}
