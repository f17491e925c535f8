package org.cnnworkbench.sweep;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The knobs of {@code strategy: hyperband} ({@code strategy_options:} in the sweep section): trials
 * train up to {@code max_epochs}; bracket {@code b} (0 .. s_max, s_max = floor(log_eta(max / min)))
 * starts judging at epoch {@code min_epochs * eta^b} and keeps the top 1/eta at each rung
 * {@code min_epochs * eta^(b+k)} below {@code max_epochs}. Bracket {@code b} receives
 * {@code ceil((s_max + 1) / (s_max - b + 1) * eta^(s_max - b))} of every round of configurations, as
 * in Li et al.'s Hyperband, so that each bracket spends about the same number of epochs.
 */
public record HyperbandOptions(int minEpochs, int maxEpochs, int eta) {

    static final List<Setting> SETTINGS = List.of(
            Setting.integer("min_epochs", 1, 1, "epoch of the first rung of the most aggressive bracket"),
            Setting.integer("max_epochs", null, 1, "epochs every trial that is not stopped trains"),
            Setting.integer("eta", 3, 2, "reduction factor: the top 1/eta of a rung go on"));

    public HyperbandOptions {
        if (minEpochs < 1 || maxEpochs < minEpochs || eta < 2) {
            throw new IllegalArgumentException("hyperband needs 1 <= min_epochs <= max_epochs and eta >= 2, found "
                    + minEpochs + ", " + maxEpochs + ", " + eta);
        }
    }

    /**
     * One bracket: its index, the epochs at which its trials are judged (ascending, all below
     * max_epochs), how many of each round's configurations it takes, and the epochs a synchronous
     * run of it would spend (n_i trials to rung r_i, n_(i+1) = floor(n_i / eta), the survivors to max_epochs).
     */
    public record Bracket(int index, List<Integer> rungs, int configurations, long budget) {
        public Bracket {
            rungs = List.copyOf(rungs);
        }
    }

    /** s_max: the index of the last bracket, whose trials are never stopped early. */
    public int lastBracket() {
        int s = 0;
        long r = minEpochs;
        while (r * eta <= maxEpochs) {
            r *= eta;
            s++;
        }
        return s;
    }

    /** The brackets, most aggressive first. */
    public List<Bracket> brackets() {
        int sMax = lastBracket();
        List<Bracket> out = new ArrayList<>();
        for (int b = 0; b <= sMax; b++) {
            List<Integer> rungs = new ArrayList<>();
            for (long r = minEpochs * pow(eta, b); r < maxEpochs; r *= eta) {
                rungs.add((int) r);
            }
            int n = (int) Math.ceil((double) (sMax + 1) / (sMax - b + 1) * pow(eta, sMax - b) - 1e-9);
            long budget = 0;
            long alive = n;
            for (int rung : rungs) {
                budget += alive * rung;
                alive = Math.max(1, alive / eta);
            }
            budget += alive * maxEpochs;
            out.add(new Bracket(b, rungs, n, budget));
        }
        return out;
    }

    private static long pow(int base, int exponent) {
        long r = 1;
        for (int i = 0; i < exponent; i++) {
            r *= base;
        }
        return r;
    }

    /**
     * The bracket of configuration {@code number}: a fixed interleaving of one round (bracket b appears
     * {@code configurations} times per round), repeated; any prefix of the sweep splits nearly in
     * proportion, so that a short sweep still tries every bracket.
     */
    public int bracketOf(int number) {
        List<Bracket> brackets = brackets();
        int round = brackets.stream().mapToInt(Bracket::configurations).sum();
        int position = Math.floorMod(number, round);
        // Smooth weighted round robin: each step every bracket gains its weight, the richest is picked and pays the round.
        long[] credit = new long[brackets.size()];
        int picked = 0;
        for (int step = 0; step <= position; step++) {
            picked = 0;
            for (int b = 0; b < brackets.size(); b++) {
                credit[b] += brackets.get(b).configurations();
                if (credit[b] > credit[picked]) {
                    picked = b;
                }
            }
            credit[picked] -= round;
        }
        return picked;
    }

    public JsonNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("min_epochs", minEpochs);
        node.put("max_epochs", maxEpochs);
        node.put("eta", eta);
        return node;
    }
}
