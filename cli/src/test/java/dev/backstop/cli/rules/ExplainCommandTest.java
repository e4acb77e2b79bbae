package dev.backstop.cli.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.cli.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {

    private static final String RULE = "cloudtrail-logging-stopped";

    @TempDir
    Path dir;

    /** Overrides the shipped rule's mode on line 4. */
    private Path override(String mode) throws IOException {
        return Files.writeString(dir.resolve("team.yaml"), """
                version: 1
                rules: []
                overrides:
                  cloudtrail-logging-stopped:
                    mode: %s
                """.formatted(mode));
    }

    @Test
    void explainsTheShippedRuleFromOriginToPattern() {
        Cli.Result result = Cli.execute("explain", RULE);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsSubsequence(
                RULE + "  (rules/default.yaml:10)",
                "  A trail stopped logging. Turn it back on: a blind trail hides everything that happens after",
                "  severity:   high",
                "  mode:       enforce (as the rule sets it)",
                "  exemptions: resources tagged backstop:exempt=true (read at run time from the action's target)",
                "  callers:    a call by Backstop's own principal is only audited (IGNORED); one by a protected principal"
                        + " (ProtectedPrincipalArns) is notified as PROTECTED and never acted on",
                "  actions:    cloudtrail.start-logging (no parameters)",
                "  escalate:   iam.quarantine-principal with principal=\"caller\"",
                "              when the rule acts past an open breaker of its resource or of the caller (someone"
                        + " keeps undoing the fix); never against a protected principal",
                "    source is \"aws.cloudtrail\"",
                "    detail-type is \"AWS API Call via CloudTrail\"",
                "    detail.eventSource is \"cloudtrail.amazonaws.com\"",
                "    detail.eventName is \"StopLogging\"",
                "    detail.errorCode does not exist",
                "  pattern (EventBridge syntax):",
                "      \"source\" : [ \"aws.cloudtrail\" ],");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void saysWhichOverrideSetTheModeAndWhatTheRuleItselfSays() throws IOException {
        Path team = override("dry-run");

        Cli.Result result = Cli.execute("explain", RULE, "--rules", team.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).contains(
                "  mode:       dry-run (set by the override at " + team + ":4; the rule says enforce)");
    }

    @Test
    void saysWhenTheGlobalModeCapsTheRule() throws IOException {
        Path team = override("dry-run");

        Cli.Result result = Cli.execute("explain", RULE, "--rules", team.toString(), "--mode", "notify");

        assertThat(result.out().lines()).contains("  mode:       notify (capped by --mode notify; overridden to dry-run at "
                + team + ":4; the rule says enforce)");
    }

    @Test
    void saysWhatTheRuleSaysWhenOnlyTheGlobalModeCapsIt() {
        Cli.Result result = Cli.execute("explain", RULE, "--mode", "dry-run");

        assertThat(result.out().lines()).contains("  mode:       dry-run (capped by --mode dry-run; the rule says enforce)");
    }

    @Test
    void aGlobalModeThatIsNotSaferLeavesTheRulesModeAlone() {
        Cli.Result result = Cli.execute("explain", RULE, "--mode", "enforce");

        assertThat(result.out().lines()).contains("  mode:       enforce (as the rule sets it)");
    }

    @Test
    void explainsATeamRuleWithItsExemptionsAndParameters() throws IOException {
        Path team = Files.writeString(dir.resolve("team.yaml"), """
                version: 1
                rules:
                  - id: trail-deleted
                    description: Someone deleted a trail.
                    severity: critical
                    mode: notify
                    match:
                      source: [aws.cloudtrail]
                      detail:
                        eventName: [DeleteTrail, StopLogging]
                        userIdentity:
                          arn: [{prefix: "arn:aws:sts::"}]
                    unless:
                      principals: ["arn:aws:iam::*:role/BreakGlass"]
                      accounts: ["000000000042"]
                    actions:
                      - action: cloudtrail.start-logging
                """);

        Cli.Result result = Cli.execute("explain", "trail-deleted", "--rules", team.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsSubsequence(
                "trail-deleted  (" + team + ":3)",
                "  severity:   critical",
                "  mode:       notify (as the rule sets it)",
                "  exemptions: callers matching arn:aws:iam::*:role/BreakGlass (the caller's ARN, or the role an"
                        + " assumed-role session was issued by)",
                "              calls made in account 000000000042",
                "    detail.eventName is one of \"DeleteTrail\", \"StopLogging\"",
                "    detail.userIdentity.arn starts with \"arn:aws:sts::\"");
    }

    @Test
    void escapesWhatTheRuleFileSaysSoItCannotDriveTheTerminal() throws IOException {
        Path team = Files.writeString(dir.resolve("escapes.yaml"), """
                version: 1
                rules:
                  - id: trail-stopped
                    description: "\\e[2J\\e[H cleared\\r\\nforged: line"
                    severity: high
                    mode: notify
                    match: {source: [aws.cloudtrail], detail: {eventName: ["Stop\\u001bLogging"]}}
                    actions: [{action: cloudtrail.start-logging}]
                """);

        Cli.Result result = Cli.execute("explain", "trail-stopped", "--rules", team.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).doesNotContain("\u001b", "\r").contains("\\u001B[2J\\u001B[H cleared\\r\\nforged: line",
                "Stop\\u001BLogging");
    }

    @Test
    void suggestsCloseIdsForAnUnknownOne() {
        Cli.Result result = Cli.execute("explain", "cloudtrail-logging-stoped");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("backstop explain: no rule \"cloudtrail-logging-stoped\" in rules/default.yaml;"
                + " did you mean cloudtrail-logging-stopped?%n".formatted());
        assertThat(result.out()).isEmpty();
    }

    @Test
    void listsTheRulesWhenNoIdIsClose() {
        Cli.Result result = Cli.execute("explain", "s3-public-bucket");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("backstop explain: no rule \"s3-public-bucket\" in rules/default.yaml;"
                + " the rules are: alarm-ec2-instance-isolate, alarm-lambda-ec2-notify, alarm-lambda-rollback-after-deployment, ");
    }

    @Test
    void needsARuleId() {
        Cli.Result result = Cli.execute("explain");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Missing required parameter: 'RULE-ID'");
    }

    @Test
    void aSteppedModeIsExplainedCaseByCaseWithTheVetoWindowAndTheKillSwitch() throws IOException {
        Path team = Files.writeString(dir.resolve("team.yaml"), """
                version: 1
                organization:
                  sandbox: ["444455556666"]
                kill-switch: {by: alice@example.com, reason: INC-4711}
                rules:
                  - id: trail-stopped-stepped
                    description: A stopped trail.
                    severity: high
                    mode:
                      default: notify
                      when:
                        - tags: {env: dev}
                          mode: enforce
                        - ous: [sandbox]
                          mode: dry-run
                    enforce-after: 15m
                    declared: respect
                    match: {detail: {eventName: [StopLogging]}}
                    actions: [{action: cloudtrail.start-logging}]
                """);

        Cli.Result result = Cli.execute("explain", "trail-stopped-stepped", "--rules", team.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).containsSubsequence(
                "  mode:       stepped: enforce where tag env=dev; dry-run where unit in [sandbox]; otherwise notify",
                "                case at " + team + ":12 -> enforce",
                "                case at " + team + ":14 -> dry-run",
                "              otherwise notify (as the rule sets it)",
                "              the kill switch is on (" + team + ":4, by alice@example.com: INC-4711): every rule runs in"
                        + " notify mode",
                "  veto:       an enforcing action is notified as PENDING and runs 15 min later unless vetoed"
                        + " (./backstop veto AUDIT-ID)",
                "  declared:   respect: a change to declared state is notified, not reverted");
    }
}
