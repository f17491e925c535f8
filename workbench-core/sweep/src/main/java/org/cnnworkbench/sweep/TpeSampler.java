package org.cnnworkbench.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * Tree-structured Parzen estimator. The first configurations are drawn as {@link RandomSampler} draws
 * them (n_startup; default min(10, max(2, budget / 5)), 10 without a trial budget). After that the
 * finished configurations are ranked by objective (pruned ones after the completed ones, no value
 * last); the best ceil(gamma * n) (at most 25) make a "good" density l(x) and the others a "bad"
 * density g(x); candidates are drawn from l and the one with the largest l(x) / g(x) is proposed.
 * With several {@code objectives:} the split into good and bad is by non-dominated sorting
 * ({@link Pareto#splitOrder}). Multivariate (the default) models the parameters that share a condition jointly; univariate models
 * each parameter alone. A conditional group learns only from configurations in which it was active.
 * Older configurations weigh less once there are more than 25. Deterministic for a given seed,
 * number and history (the history is read in number order).
 */
final class TpeSampler implements Sampler {

    private static final int MAX_GOOD = 25;

    private final SearchSpace space;
    private final long seed;
    private final Objective objective;
    /** The objectives of a multi-objective sweep; empty for one objective. */
    private final List<Objective> objectives;
    private final int startup;
    private final int candidates;
    private final double gamma;
    private final double priorWeight;
    private final boolean multivariate;
    private final double bandwidth;
    private final List<List<SearchSpace.Parameter>> groups;

    TpeSampler(SweepSpec spec) {
        this.space = spec.space();
        this.seed = spec.seed();
        this.objective = spec.objective();
        this.objectives = spec.objectives();
        TpeOptions options = spec.tpeOptions();
        this.startup = options.startupFor(spec.trials() == null ? Integer.MAX_VALUE : spec.trials());
        this.candidates = options.candidatesOrDefault();
        this.gamma = options.gammaOrDefault();
        this.priorWeight = options.priorWeightOrDefault();
        this.multivariate = options.multivariateOrDefault();
        this.bandwidth = options.bandwidthOrDefault();
        this.groups = groups(space, multivariate);
    }

    /** Parameters modelled together, in sampling order: one per parameter, or one per distinct condition. */
    private static List<List<SearchSpace.Parameter>> groups(SearchSpace space, boolean multivariate) {
        Map<Object, List<SearchSpace.Parameter>> byCondition = new LinkedHashMap<>();
        for (SearchSpace.Parameter p : space.samplingOrder()) {
            Object key = multivariate ? p.when() : p.path();
            byCondition.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        return List.copyOf(byCondition.values());
    }

    @Override
    public Map<String, Object> sample(int number, List<FinishedTrial> history) {
        List<FinishedTrial> trials = new ArrayList<>(history);
        trials.sort(Comparator.comparingInt(FinishedTrial::number));
        if (trials.size() < startup) {
            return RandomSampler.draw(space, Seeds.forConfiguration(seed, number, 0));
        }
        SplittableRandom random = Seeds.forConfiguration(seed, number, 1);
        Map<String, Object> chosen = new LinkedHashMap<>();
        for (List<SearchSpace.Parameter> group : groups) {
            if (group.get(0).isActive(chosen)) {
                sampleGroup(group, trials, random, chosen);
            }
        }
        return space.inFileOrder(chosen);
    }

    private record Observation(int number, double[] point, boolean pruned, double[] losses) {
    }

    private void sampleGroup(List<SearchSpace.Parameter> group, List<FinishedTrial> trials, SplittableRandom random,
                             Map<String, Object> chosen) {
        List<TpeDimension> dims = new ArrayList<>();
        for (SearchSpace.Parameter p : group) {
            if (p.distribution().isConstant()) {
                chosen.put(p.path(), p.distribution().probeValues().get(0));
            } else {
                dims.add(new TpeDimension(p));
            }
        }
        if (dims.isEmpty()) {
            return;
        }
        List<Observation> observations = observations(dims, trials);
        if (observations.size() < 2) {
            dims.forEach(d -> chosen.put(d.parameter.path(), d.parameter.distribution().sample(random)));
            return;
        }
        int good = Math.min(Math.min(MAX_GOOD, observations.size()), Math.max(1, (int) Math.ceil(gamma * observations.size())));
        List<Observation> ranked = rank(observations, good);
        ParzenEstimator l = estimator(dims, ranked.subList(0, good));
        ParzenEstimator g = estimator(dims, ranked.subList(good, ranked.size()));
        double[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < candidates; c++) {
            double[] x = l.sample(random);
            double score = l.logPdf(x) - g.logPdf(x);
            if (best == null || score > bestScore) {
                best = x;
                bestScore = score;
            }
        }
        for (int j = 0; j < dims.size(); j++) {
            chosen.put(dims.get(j).parameter.path(), dims.get(j).toValue(best[j]));
        }
    }

    /**
     * The observations best first: completed before pruned; by loss for one objective; for several,
     * by non-dominated sorting with the front that straddles {@code good} split by hypervolume
     * contribution (multi-objective TPE as Optuna's MOTPE splits).
     */
    private List<Observation> rank(List<Observation> observations, int good) {
        List<Observation> ranked = new ArrayList<>(observations);
        ranked.sort(Comparator.comparing(Observation::pruned).thenComparingDouble(o -> o.losses()[0])
                .thenComparingInt(Observation::number));
        if (objectives.size() < 2) {
            return ranked;
        }
        List<Observation> completed = new ArrayList<>(ranked.stream().filter(o -> !o.pruned()).toList());
        completed.sort(Comparator.comparingInt(Observation::number));
        List<Observation> out = new ArrayList<>();
        for (int i : Pareto.splitOrder(completed.stream().map(Observation::losses).toList(), good)) {
            out.add(completed.get(i));
        }
        ranked.stream().filter(Observation::pruned).forEach(out::add);
        return out;
    }

    private List<Observation> observations(List<TpeDimension> dims, List<FinishedTrial> trials) {
        List<Observation> out = new ArrayList<>();
        for (FinishedTrial t : trials) {
            double[] point = new double[dims.size()];
            boolean complete = true;
            for (int j = 0; j < dims.size() && complete; j++) {
                point[j] = dims.get(j).toInternal(t.params().get(dims.get(j).parameter.path()));
                complete = !Double.isNaN(point[j]);
            }
            if (complete) {
                double[] losses = objectives.size() < 2 ? new double[] {objective.asLoss(t.objective())}
                        : Pareto.losses(objectives, t.values());
                out.add(new Observation(t.number(), point, t.pruned(), losses));
            }
        }
        return out;
    }

    private ParzenEstimator estimator(List<TpeDimension> dims, List<Observation> part) {
        List<Observation> byNumber = new ArrayList<>(part);
        byNumber.sort(Comparator.comparingInt(Observation::number));
        return new ParzenEstimator(dims, byNumber.stream().map(Observation::point).toList(), weights(byNumber.size()),
                priorWeight, multivariate, bandwidth);
    }

    /** Equal weights up to 25 observations; beyond, the older ones ramp down linearly towards 1/n. */
    static double[] weights(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0);
        int ramp = n - MAX_GOOD;
        for (int i = 0; i < ramp; i++) {
            w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
        }
        return w;
    }

    @Override
    public OptionalInt size() {
        return OptionalInt.empty();
    }
}
