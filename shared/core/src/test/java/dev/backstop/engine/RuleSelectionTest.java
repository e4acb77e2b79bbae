package dev.backstop.engine;

import static dev.backstop.testing.SampleEvents.detail;
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

    private static final Instant EXPIRES = Instant.parse("2026-12-01T00:00:00Z");
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
                unless:
                  exemptions:
                    - principal: "arn:aws:iam::123456789012:role/DeveloperAccess"
                      owner: alice@example.com
                      reason: CHG-1
                      expires: 2026-12-01T00:00:00Z
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
        List<RuleSelection.Selected> selected = new RuleSelection(Mode.ENFORCE, List.of())
                .select(book, stop, (spec, event) -> true, EXPIRES.plusSeconds(1));

        assertThat(selected).extracting(s -> s.rule().id()).containsExactly("cloudtrail-logging-stopped",
                "team-logging-stopped");
        assertThat(selected.get(1).mode()).isEqualTo(Mode.DRY_RUN);
        assertThat(selected.get(1).actions()).containsExactly(0, 1);
        assertThat(selected.get(1).exemption()).isEmpty();
        assertThat(new RuleSelection(Mode.NOTIFY, List.of()).select(book, stop, (spec, event) -> true, EXPIRES)
                .get(0).mode()).isEqualTo(Mode.NOTIFY);
    }

    @Test
    void judgesTimeBoxedExemptionsAtTheTimeItIsGiven() {
        RuleSelection selection = new RuleSelection(Mode.ENFORCE, List.of());

        assertThat(selection.select(book, stop, (spec, event) -> true, EXPIRES.minusSeconds(1)).get(1).exemption())
                .hasValueSatisfying(why -> assertThat(why).startsWith("time-boxed exemption for principal"));
        assertThat(selection.select(book, stop, (spec, event) -> true, EXPIRES).get(1).exemption()).isEmpty();
    }

    @Test
    void aRuleOffOrWithNoActionThatAppliesIsNoMatch() {
        assertThat(new RuleSelection(Mode.OFF, List.of()).select(book, stop, (spec, event) -> true, EXPIRES)).isEmpty();
        assertThat(new RuleSelection(Mode.ENFORCE, List.of()).select(book, stop, (spec, event) -> false, EXPIRES)).isEmpty();
    }

    @Test
    void leavesFailedCallsAndItsOwnCallsAlone() {
        CloudTrailEvent denied = parser.parse(edited("cloudtrail/stop-logging-denied.json", event -> { }));
        RuleSelection selection = new RuleSelection(Mode.ENFORCE, List.of("arn:aws:iam::123456789012:role/DeveloperAccess"));

        assertThat(RuleSelection.failedCall(denied)).hasValueSatisfying(why -> assertThat(why).startsWith("the API call failed ("));
        assertThat(RuleSelection.failedCall(stop)).isEmpty();
        assertThat(selection.ownCall(stop)).contains("made by Backstop's own principal");
        assertThat(new RuleSelection(Mode.ENFORCE, List.of()).ownCall(stop)).isEqualTo(Optional.empty());
        assertThat(detail(dev.backstop.testing.SampleEvents.read("cloudtrail/stop-logging.json")).get("eventName").asText())
                .isEqualTo("StopLogging");
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
