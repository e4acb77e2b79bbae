package dev.backstop.cli.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.Mode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TallyTest {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    private static Decision decision(String rule, String action, String principal, Verdict verdict, String reason) {
        return new Decision(T0, "e", "StopLogging", "123456789012", "us-east-1", principal, rule, action, "trail",
                Mode.ENFORCE, verdict, reason);
    }

    @Test
    void countsAMatchOncePerRuleAndEventAndEachActionsVerdict() {
        Tally tally = new Tally();

        tally.record(List.of(decision("r", "a1", "p", Verdict.ENFORCE, "x"), decision("r", "a2", "p", Verdict.NOTIFY, "x")));

        Tally.RuleCounts counts = tally.rows().get(new Tally.Row("r", "123456789012", "us-east-1"));
        assertThat(counts.matches()).isEqualTo(1);
        assertThat(counts.count(Verdict.ENFORCE)).isEqualTo(1);
        assertThat(counts.count(Verdict.NOTIFY)).isEqualTo(1);
        assertThat(tally.timeline().get("r").values()).singleElement()
                .satisfies(hour -> assertThat(hour[Verdict.ENFORCE.ordinal()]).isEqualTo(1));
    }

    @Test
    void groupsPrincipalExemptionsByThePatternThatExemptedThem() {
        Tally tally = new Tally();
        for (String caller : List.of("arn:aws:sts::1:assumed-role/Admin/alice", "arn:aws:sts::1:assumed-role/Admin/bob")) {
            tally.record(List.of(decision("r", "a", caller, Verdict.EXEMPTED,
                    "principal " + caller + " matches unless.principals arn:aws:iam::*:role/Admin")));
        }

        assertThat(tally.rows().values().iterator().next().exemptions())
                .containsExactly(java.util.Map.entry("unless.principals arn:aws:iam::*:role/Admin", 2L));
    }

    @Test
    void keepsAtMostSoManyNamesAndCountsTheRestTogether() {
        TopCounts counts = new TopCounts(2);
        List.of("a", "b", "c", "d", "a").forEach(counts::add);

        assertThat(counts.top(3)).containsExactly(new TopCounts.Count(TopCounts.OTHERS, 2), new TopCounts.Count("a", 2),
                new TopCounts.Count("b", 1));
    }
}
