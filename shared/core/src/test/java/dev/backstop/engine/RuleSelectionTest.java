package dev.backstop.engine;

import static dev.backstop.testing.SampleEvents.edited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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

    private final CloudTrailEventParser parser = new CloudTrailEventParser();
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
    void aModeSteppedByAccountIsTheEventAccountsAndTheTeamFilesKillSwitchCapsIt() {
        String stepped = """
                version: 1
                rules:
                  - id: team-enforced-here-only
                    description: Off except in the event's account.
                    severity: high
                    mode:
                      default: "off"
                      when:
                        - accounts: ["123456789012"]
                          mode: enforce
                    match:
                      source: [aws.cloudtrail]
                      detail:
                        eventName: [StopLogging]
                    actions:
                      - action: cloudtrail.start-logging
                  - id: team-off-here-only
                    description: Enforced except in the event's account.
                    severity: high
                    mode:
                      default: enforce
                      when:
                        - accounts: ["123456789012"]
                          mode: "off"
                    match:
                      source: [aws.cloudtrail]
                      detail:
                        eventName: [StopLogging]
                    actions:
                      - action: cloudtrail.start-logging
                """;
        String switched = stepped.replace("version: 1\n", "version: 1\nkill-switch: {by: alice, reason: INC-1}\n");

        RuleSelection selection = new RuleSelection(Mode.ENFORCE);
        List<RuleSelection.Selected> selected = selection.select(load(stepped), stop, (spec, event) -> true);
        List<RuleSelection.Selected> capped = selection.select(load(switched), stop, (spec, event) -> true);

        assertThat(selected).extracting(s -> s.rule().id() + " " + s.mode())
                .containsExactly("cloudtrail-logging-stopped enforce", "team-enforced-here-only enforce");
        assertThat(selected.get(1).rule().mode()).as("its mode elsewhere").isEqualTo(Mode.OFF);
        assertThat(selected.get(1).rule().mostActiveMode()).isEqualTo(Mode.ENFORCE);
        assertThat(capped).extracting(s -> s.rule().id() + " " + s.mode())
                .containsExactly("cloudtrail-logging-stopped notify", "team-enforced-here-only notify");
    }

    @Test
    void aDeferredRunSelectsOnlyItsPendingSteps() {
        List<RuleSelection.Selected> selected = new RuleSelection(Mode.ENFORCE).select(book, stop,
                KillSwitchWatch.State.OFF, step -> step.equals("team-logging-stopped#1"), (spec, event) -> true);

        assertThat(selected).singleElement().satisfies(only -> {
            assertThat(only.rule().id()).isEqualTo("team-logging-stopped");
            assertThat(only.actions()).containsExactly(1);
        });
    }

    @Test
    void aRuleOffOrWithNoActionThatAppliesIsNoMatch() {
        assertThat(new RuleSelection(Mode.OFF).select(book, stop, (spec, event) -> true)).isEmpty();
        assertThat(new RuleSelection(Mode.ENFORCE).select(book, stop, (spec, event) -> false)).isEmpty();
    }

    private static RuleBook load(String team) {
        return TestRules.loader(Instant.parse("2026-11-20T00:00:00Z"))
                .load(TestRules.withDefaultPack(new RuleText("team.yaml", team)));
    }

    @Test
    void everyMatchedRuleIsShownToThePlanWithWhetherItActs() {
        List<RuleSelection.Selected> off = new RuleSelection(Mode.OFF).matched(book, stop, (spec, event) -> {
            throw new AssertionError("a rule in mode off is asked nothing of its actions");
        });
        List<RuleSelection.Selected> unanswered = new RuleSelection(Mode.ENFORCE).matched(book, stop, (spec, event) -> false);

        assertThat(off).extracting(s -> s.rule().id(), RuleSelection.Selected::mode, RuleSelection.Selected::acts)
                .containsExactly(tuple("cloudtrail-logging-stopped", Mode.OFF, false), tuple("team-logging-stopped", Mode.OFF, false));
        assertThat(unanswered).extracting(s -> s.rule().id(), RuleSelection.Selected::acts)
                .containsExactly(tuple("cloudtrail-logging-stopped", false), tuple("team-logging-stopped", false));
    }

    @Test
    void theCallsNoRuleActsOnAreFailedCallsAndItsOwn() {
        CloudTrailEvent denied = parser.parse(edited("cloudtrail/stop-logging-denied.json", event -> { }));
        IgnoredCalls ignored = new IgnoredCalls(List.of("arn:aws:iam::123456789012:role/DeveloperAccess"), List.of());

        assertThat(IgnoredCalls.failed(denied)).hasValueSatisfying(why -> assertThat(why).startsWith("the API call failed ("));
        assertThat(IgnoredCalls.failed(stop)).isEmpty();
        assertThat(ignored.own(stop)).contains("made by Backstop's own principal");
        assertThat(new IgnoredCalls(List.of(), List.of()).own(stop)).isEqualTo(Optional.empty());
    }

    @Test
    void aCallByAProtectedPrincipalIsNamedWithWhoMadeItAndNotTakenForBackstopsOwn() {
        // The sample's caller: a session of role DeveloperAccess in 123456789012.
        ProtectedCallers breakGlass = new ProtectedCallers(List.of("arn:aws:iam::123456789012:role/DeveloperAccess"));
        IgnoredCalls own = new IgnoredCalls(List.of("arn:aws:iam::123456789012:role/backstop-CloudTrailFunctionRole"), List.of());

        assertThat(breakGlass.madeBy(stop)).contains("made by protected principal"
                + " arn:aws:sts::123456789012:assumed-role/DeveloperAccess/mallory (ProtectedPrincipalArns):"
                + " Backstop does not act on a protected principal's calls");
        assertThat(own.own(stop)).isEmpty();
        assertThat(new ProtectedCallers(List.of("arn:aws:iam::123456789012:role/BreakGlass")).madeBy(stop)).isEmpty();
        assertThat(new ProtectedCallers(List.of("arn:aws:iam::210987654321:role/DeveloperAccess")).madeBy(stop)).isEmpty();
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
