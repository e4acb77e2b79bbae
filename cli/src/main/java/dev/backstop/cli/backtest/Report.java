package dev.backstop.cli.backtest;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a backtest found, for the table, the JSON summary lines and the page.
 *
 * @param packs each replayed pack with its tally: the pack under test first, then the one it is compared against
 * @param differences the events the packs decided differently, the first {@link PackDiff#KEPT} of them
 * @param differing how many events the packs decided differently in all
 * @param transitions how often each rule's decisions went from one verdict to another
 */
record Report(String source, Window window, List<PackSummary> packs, long files, long events, long outside,
        long badFiles, long badRecords, long late, long duplicates, List<PackDiff.Difference> differences,
        long differing, Map<String, Long> transitions) {

    /** One pack: its name, what it was built from, its counts. */
    record PackSummary(String name, String rules, Tally tally) {
    }

    Report {
        Objects.requireNonNull(source, "source");
        packs = List.copyOf(packs);
        differences = List.copyOf(differences);
        transitions = Map.copyOf(transitions);
    }

    boolean compared() {
        return packs.size() > 1;
    }
}
