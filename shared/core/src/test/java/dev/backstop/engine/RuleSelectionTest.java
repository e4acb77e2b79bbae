package dev.backstop.engine;

import static dev.backstop.testing.SampleEvents.edited;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.config.Mode;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.RuleBook;
import dev.backstop.rules.RuleText;
import dev.backstop.testing.TestRules;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleSelectionTest {

    private static final String TEAM = """
            version: 1
            rules:
              - id: team-logging-stopped
                description: A trail stopped logging.
                severity: high
                mode: dry-run
                match:
                  source: [aws.cloudtrail]
                  detail:
                    eventName: [StopLogging]
                actions:
                  - action: cloudtrail.start-logging
                  - action: cloudtrail.start-logging
            """;

    private final CloudTrailEventParser parser = new CloudTrailEventParser(new ObjectMapper());
    private final RuleBook book = TestRules.loader(Instant.parse("2026-11-20T00:00:00Z"))
            .load(TestRules.withDefaultPack(new RuleText("team.yaml", TEAM)));
    private final CloudTrailEvent stop = parser.parse(edited("cloudtrail/stop-logging.json", event -> { }));

    @Test
    void selectsTheMatchingRulesInIdOrderWithTheirCappedModeAndEveryActionThatApplies() {
        List<RuleSelection.Selected> selected = new RuleSelection(Mode.ENFORCE).select(book, stop, (spec, event) -> true);

        assertThat(selected).extracting(s -> s.rule().id()).containsExactly("cloudtrail-logging-stopped",
                "team-logging-stopped");
        assertThat(selected.get(1).mode()).isEqualTo(Mode.DRY_RUN);
        assertThat(selected.get(1).actions()).containsExactly(0, 1);
        assertThat(new RuleSelection(Mode.NOTIFY).select(book, stop, (spec, event) -> true).get(0).mode())
                .isEqualTo(Mode.NOTIFY);
    }

    @Test
    void aRuleOffOrWithNoActionThatAppliesIsNoMatch() {
        assertThat(new RuleSelection(Mode.OFF).select(book, stop, (spec, event) -> true)).isEmpty();
        assertThat(new RuleSelection(Mode.ENFORCE).select(book, stop, (spec, event) -> false)).isEmpty();
    }

    @Test
    void theCallsNoRuleActsOnAreFailedCallsAndItsOwn() {
        CloudTrailEvent denied = parser.parse(edited("cloudtrail/stop-logging-denied.json", event -> { }));
        IgnoredCalls ignored = new IgnoredCalls(List.of("arn:aws:iam::123456789012:role/DeveloperAccess"));

        assertThat(IgnoredCalls.failed(denied)).hasValueSatisfying(why -> assertThat(why).startsWith("the API call failed ("));
        assertThat(IgnoredCalls.failed(stop)).isEmpty();
        assertThat(ignored.own(stop)).contains("made by Backstop's own principal");
        assertThat(new IgnoredCalls(List.of()).own(stop)).isEqualTo(Optional.empty());
    }

    @Test
    void refusesAProtectedTargetInTheWordsTheAuditRecordUses() {
        PrincipalPatterns protectedRoles = new PrincipalPatterns(List.of("arn:aws:iam::*:role/Backstop*"));

        assertThat(protectedRoles.refusal("arn:aws:iam::123456789012:role/BackstopCloudTrail")).contains(
                "refused: protected principal arn:aws:iam::123456789012:role/BackstopCloudTrail (Backstop's own roles"
                        + " and ProtectedPrincipalArns are never changed)");
        assertThat(protectedRoles.refusal("arn:aws:iam::123456789012:role/data-pipeline")).isEmpty();
    }
}
