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

    @Test
    void theTeamFilesWaysToSwitchBackstopOffQuietlyAreEachSaidAsWeakening() {
        RuleBook after = with(teamRule("""
                    mode:
                      default: enforce
                      when:
                        - accounts: ["111122223333"]
                          mode: off
                    enforce-after: 7d
                    declared: respect
                pipelines:
                  principals: ["arn:aws:iam::*:role/mallory"]
                  tags: {managed-by: terraform}
                kill-switch:
                  by: mallory@example.com
                  reason: maintenance
                """).replace("    mode: enforce\n", ""));

        assertThat(RuleFileChanges.between(with(teamRule("")), after)).containsExactly(
                "kill switch set by mallory@example.com: maintenance (every rule notifies only)",
                "pipeline principal added: arn:aws:iam::*:role/mallory (its changes are declared state)",
                "pipeline tag added: managed-by=terraform (resources carrying it are declared state)",
                "rule team-trail-stopped: mode now off where account in [111122223333]; otherwise enforce (was enforce)",
                "rule team-trail-stopped: enforces after a veto window of 7d (was at once)",
                "rule team-trail-stopped: declared state respect (was revert)");
    }

    @Test
    void clearingTheKillSwitchAndShorteningAVetoWindowAreNoWeakening() {
        RuleBook before = with(teamRule("""
                    enforce-after: 1h
                kill-switch:
                  by: alice@example.com
                  reason: INC-4711
                """));
        RuleBook after = with(teamRule("""
                    enforce-after: 15m
                """));

        assertThat(RuleFileChanges.between(before, after)).containsExactly(
                "kill switch cleared",
                "rule team-trail-stopped: enforces after a veto window of 15m (was after a veto window of 1h)");
    }
}
