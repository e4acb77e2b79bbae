package dev.backstop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.testing.TestRules;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RuleFileChangesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private static RuleBook with(String team) {
        return TestRules.loader(NOW).load(TestRules.withDefaultPack(new RuleText("team.yaml", team)));
    }

    /** A team rule that turns a stopped trail back on, with {@code extra} (indented as a rule's field). */
    private static String teamRule(String extra) {
        return """
                version: 1
                rules:
                  - id: team-trail-stopped
                    description: Turn the trail back on.
                    severity: high
                    mode: enforce
                    match:
                      source: [aws.cloudtrail]
                      detail:
                        eventName: [StopLogging]
                    actions:
                      - action: cloudtrail.start-logging
                """ + extra;
    }

    @Test
    void theSameRulesChangeNothing() {
        assertThat(RuleFileChanges.between(TestRules.defaultPack(), with("version: 1\nrules: []\n"))).isEmpty();
    }

    @Test
    void aRuleTurnedOffAndOneDowngradedAreEachSaid() {
        RuleBook after = with("""
                version: 1
                rules: []
                overrides:
                  cloudtrail-logging-stopped:
                    mode: off
                  cloudtrail-trail-deleted:
                    mode: notify
                """);

        assertThat(RuleFileChanges.between(TestRules.defaultPack(), after)).containsExactly(
                "rule cloudtrail-logging-stopped turned off (was enforce)",
                "rule cloudtrail-trail-deleted downgraded from enforce to notify");
    }

    @Test
    void anExemptionAddedToATeamRuleAndARuleThatNoLongerEscalatesAreSaid() {
        RuleBook before = with(teamRule("""
                    escalate:
                      action: iam.quarantine-principal
                      params:
                        principal: caller
                """));
        RuleBook after = with(teamRule("""
                    unless:
                      accounts: ["111122223333"]
                """));

        assertThat(RuleFileChanges.between(before, after)).containsExactly(
                "rule team-trail-stopped no longer escalates (was iam.quarantine-principal)",
                "rule team-trail-stopped: exemption added: account 111122223333");
    }
}
