package org.cnnworkbench.sweep;

import java.util.List;
import java.util.Optional;

/**
 * Hyperband's early stopping, asynchronous as ASHA: a trial is judged only against the trials of its
 * own bracket ({@link HyperbandOptions#bracketOf}), at its bracket's rungs, keeping the top
 * ceil(n / eta) of those that reached the rung. The last bracket never stops a trial. Brackets go by
 * configuration (trial number / repeats), so the repeats of a configuration share one bracket.
 */
final class HyperbandPruner implements Pruner {

    private final HyperbandOptions options;
    private final List<AshaPruner> byBracket;
    private final List<HyperbandOptions.Bracket> brackets;
    private final int repeats;

    HyperbandPruner(Objective objective, HyperbandOptions options, int repeats) {
        this.options = options;
        this.repeats = repeats;
        this.brackets = options.brackets();
        this.byBracket = brackets.stream()
                .map(b -> new AshaPruner(objective, b.rungs().isEmpty() ? options.maxEpochs() : b.rungs().get(0), options.eta(),
                        "hyperband pruner (bracket " + b.index() + ")"))
                .toList();
    }

    @Override
    public Optional<String> shouldPrune(TrialCurve current, List<TrialCurve> others) {
        int bracket = bracketOf(current.number());
        if (!brackets.get(bracket).rungs().contains(current.epochs().size())) {
            return Optional.empty();
        }
        List<TrialCurve> same = others.stream().filter(o -> bracketOf(o.number()) == bracket).toList();
        return byBracket.get(bracket).shouldPrune(current, same);
    }

    /** The bracket of a trial: its configuration's. */
    int bracketOf(int trialNumber) {
        return options.bracketOf(trialNumber / repeats);
    }
}
