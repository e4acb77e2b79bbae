package dev.backstop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.Mode;
import dev.backstop.testing.TestRules;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleLoaderTest {

    private final RuleLoader loader = TestRules.loader(Instant.parse("2026-11-20T09:00:00Z"));

    @Test
    void readsModeOffWithoutQuotes() {
        RuleText team = new RuleText("team.yaml", """
                version: 1
                rules:
                  - id: trail-deleted
                    description: A trail was deleted.
                    severity: high
                    mode: off
                    match: {detail: {eventName: [DeleteTrail]}}
                    actions: [{action: cloudtrail.start-logging}]
                overrides:
                  cloudtrail-logging-stopped: {mode: off}
                """);

        RuleBook book = loader.load(TestRules.withDefaultPack(team));

        assertThat(book.find("trail-deleted")).get().extracting(Rule::mode).isEqualTo(Mode.OFF);
        assertThat(book.find("cloudtrail-logging-stopped")).get().extracting(Rule::mode).isEqualTo(Mode.OFF);
    }

    @Test
    void readsYesAndNoAsWords() {
        RuleText team = new RuleText("team.yaml", """
                version: 1
                rules:
                  - id: trail-stopped
                    description: A trail stopped logging.
                    severity: high
                    mode: enforce
                    match: {detail: {eventName: [StopLogging]}}
                    unless:
                      tags: {backstop-exempt: yes, legacy: no, maintenance: on}
                    actions: [{action: cloudtrail.start-logging}]
                """);

        RuleBook book = loader.load(List.of(team));

        assertThat(book.rules().get(0).unless().tags())
                .containsEntry("backstop-exempt", "yes").containsEntry("legacy", "no").containsEntry("maintenance", "on");
    }

    @Test
    void anOverrideOfARuleWithErrorsInAnEarlierFileAddsNoError() {
        RuleText platform = new RuleText("platform.yaml", """
                version: 1
                rules:
                  - id: trail-deleted
                    description: A trail was deleted.
                    severity: urgent
                    mode: enforce
                    match: {detail: {eventName: [DeleteTrail]}}
                    actions: [{action: cloudtrail.start-logging}]
                """);
        RuleText team = new RuleText("team.yaml", """
                version: 1
                rules: []
                overrides:
                  trail-deleted: {mode: notify}
                  trail-created: {mode: notify}
                """);

        assertThat(loader.check(List.of(platform, team))).extracting(RuleError::toString).containsExactly(
                "platform.yaml:5: rule trail-deleted: severity: unknown severity \"urgent\"; expected one of low, medium,"
                        + " high, critical",
                "team.yaml:5: rule trail-created: overrides: no rule trail-created in this or an earlier file");
    }
}
