package dev.backstop.cli.backtest;

import dev.backstop.config.Mode;
import dev.backstop.rules.Rule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The events two packs decide differently, step by step (a rule's action), with the reason for
 * each side: the verdict and its reason where the pack acted, else why it did not (the rule is not
 * in the pack, is off, or does not match the event).
 */
final class PackDiff implements Replay.Listener {

    static final int KEPT = 1_000;

    /** One step decided differently; a side that did not act has a null verdict. */
    record Change(String rule, String action, Verdict base, String baseReason, Verdict against, String againstReason) {

        String transition() {
            return rule + ": " + words(base) + " -> " + words(against);
        }

        private static String words(Verdict verdict) {
            return verdict == null ? "no decision" : verdict.words();
        }
    }

    /** One event decided differently. */
    record Difference(Instant time, String eventId, String eventName, String account, String region, String principal,
            List<Change> changes) {
    }

    private final PackReplay base;
    private final PackReplay against;
    private final Consumer<Difference> each;
    private final List<Difference> kept = new ArrayList<>();
    private final Map<String, Long> transitions = new TreeMap<>();
    private long differing;

    PackDiff(PackReplay base, PackReplay against, Consumer<Difference> each) {
        this.base = base;
        this.against = against;
        this.each = each;
    }

    @Override
    public void decided(List<List<Decision>> decisions) {
        Map<String, Decision> before = bySteps(decisions.get(0));
        Map<String, Decision> after = bySteps(decisions.get(1));
        Set<String> steps = new LinkedHashSet<>(before.keySet());
        steps.addAll(after.keySet());
        List<Change> changes = new ArrayList<>();
        for (String step : steps) {
            Decision was = before.get(step);
            Decision is = after.get(step);
            if (was != null && is != null && same(was, is)) {
                continue;
            }
            Decision any = was != null ? was : is;
            changes.add(new Change(any.rule(), any.action(),
                    was == null ? null : was.verdict(), was == null ? absent(base, any) : was.reason(),
                    is == null ? null : is.verdict(), is == null ? absent(against, any) : is.reason()));
        }
        if (changes.isEmpty()) {
            return;
        }
        Decision any = decisions.get(0).isEmpty() ? decisions.get(1).get(0) : decisions.get(0).get(0);
        Difference difference = new Difference(any.time(), any.eventId(), any.eventName(), any.account(), any.region(),
                any.principal(), changes);
        differing++;
        changes.forEach(change -> transitions.merge(change.transition(), 1L, Long::sum));
        if (kept.size() < KEPT) {
            kept.add(difference);
        }
        each.accept(difference);
    }

    List<Difference> kept() {
        return kept;
    }

    long differing() {
        return differing;
    }

    /** How often each rule went from one verdict to another: "rule: would enforce -> exempted". */
    Map<String, Long> transitions() {
        return transitions;
    }

    private static boolean same(Decision was, Decision is) {
        return was.verdict() == is.verdict()
                && (was.verdict() != Verdict.EXEMPTED || Tally.exemption(was.reason()).equals(Tally.exemption(is.reason())));
    }

    private static Map<String, Decision> bySteps(List<Decision> decisions) {
        Map<String, Decision> steps = new LinkedHashMap<>();
        decisions.forEach(decision -> steps.putIfAbsent(decision.step(), decision));
        return steps;
    }

    /** Why a pack made no decision for the step the other pack decided. */
    private static String absent(PackReplay pack, Decision other) {
        Optional<Rule> rule = pack.rules().find(other.rule());
        if (rule.isEmpty()) {
            return "the rule is not in this pack";
        }
        if (rule.get().mostActiveMode().capTo(pack.mode()) == Mode.OFF) {
            return "the rule is off";
        }
        return rule.get().actions().stream().noneMatch(spec -> spec.action().equals(other.action()))
                ? "the rule has no " + other.action() + " action"
                : "the rule's pattern or its action's parameters leave the event out";
    }
}
