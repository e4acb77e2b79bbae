package dev.backstop.cli.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.cli.testing.Cli;
import dev.backstop.cli.testing.Events;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan} and {@code explain} on CloudWatch alarms, in each shape the alarm handlers read. */
class AlarmPlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLLBACK = """
            version: 1
            rules:
              - id: checkout-after-deploy
                description: Tell the checkout team when a deployment raised its errors.
                severity: high
                mode: dry-run
                match:
                  source: [aws.cloudwatch]
                  detail:
                    state: {value: [ALARM]}
                    configuration: {metrics: {metricStat: {metric: {dimensions: {FunctionName: [checkout-api]}}}}}
                correlate:
                  window: 10m
                  require: [UpdateFunctionCode20150331v2, UpdateAlias20150331]
                actions:
                  - action: cloudwatch.notify
            """;

    @TempDir
    Path dir;

    private static String sample(String name) {
        return Events.sample(name).toString();
    }

    @Test
    void plansEveryRecordOfAnSnsDeliveryAgainstTheAlarmRules() {
        Cli.Result result = Cli.execute("plan", sample("alarms/sns-two-records.json"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsSubsequence(
                sample("alarms/sns-two-records.json") + " Records[0]: alarm \"web-1 status check failed\" ALARM"
                        + " arn:aws:cloudwatch:eu-west-1:123456789012:alarm:web-1 status check failed#2026-11-20T13:02:44.052Z",
                "  RULE                        MODE    ACTIONS            EXEMPTION",
                "  alarm-ec2-instance-isolate  off     none (mode off)    -",
                "  alarm-lambda-ec2-notify     notify  cloudwatch.notify  -",
                sample("alarms/sns-two-records.json") + " Records[1]: alarm \"orders error rate\" ALARM"
                        + " arn:aws:cloudwatch:eu-west-1:123456789012:alarm:orders error rate#2026-11-20T13:02:45.118Z",
                "",
                "2 events: 2 matched a rule, 0 matched none, 0 rejected. Modes capped by --mode enforce.");
    }

    @Test
    void matchesOneRuleAlikeWhicheverWayTheAlarmCameAndLeavesTheRequirementToRunTime() throws IOException {
        Path team = Files.writeString(dir.resolve("team.yaml"), ROLLBACK);

        Cli.Result result = Cli.execute("plan", "--json", "--rules", team.toString(),
                sample("alarms/eventbridge-lambda-errors.json"), sample("alarms/sns-lambda-latency.json"),
                sample("alarms/lambda-action-ec2-cpu.json"));

        JsonNode[] lines = result.out().lines().map(AlarmPlanTest::json).toArray(JsonNode[]::new);
        assertThat(lines).hasSize(3);
        for (JsonNode line : List.of(lines[0], lines[1])) {
            assertThat(line.path("matches")).anySatisfy(match -> {
                assertThat(match.path("rule").asText()).isEqualTo("checkout-after-deploy");
                assertThat(match.path("exemption").asText()).isEqualTo("decided at run time: acts only after"
                        + " UpdateFunctionCode20150331v2 or UpdateAlias20150331 to the alarm's resources in the 10 min"
                        + " before it (CloudTrail LookupEvents)");
            });
        }
        assertThat(lines[2].path("matches")).extracting(match -> match.path("rule").asText())
                .containsExactly("alarm-ec2-instance-isolate", "alarm-lambda-ec2-notify");
    }

    @Test
    void showsARuleNoneOfWhoseActionsAnswersTheAlarmAsDoingNothingRatherThanExempted() throws IOException {
        Path team = Files.writeString(dir.resolve("team.yaml"), """
                version: 1
                rules:
                  - id: rollback-on-any-alarm
                    description: Roll back whatever function an alarm names.
                    severity: high
                    mode: enforce
                    match:
                      source: [aws.cloudwatch]
                      detail:
                        state: {value: [ALARM]}
                    unless:
                      accounts: ["123456789012"]
                    actions:
                      - action: lambda.rollback-alias
                """);

        Cli.Result result = Cli.execute("plan", "--rules", team.toString(), sample("alarms/eventbridge-ec2-cpu.json"));

        assertThat(result.out().lines().filter(line -> line.startsWith("  rollback-on-any-alarm ")))
                .singleElement().extracting(line -> List.of(line.strip().split(" {2,}")))
                .isEqualTo(List.of("rollback-on-any-alarm", "enforce", "none (no action of the rule answers this event)", "-"));
    }

    @Test
    void rejectsAMalformedAlarmNamingTheField() {
        Path broken = Events.write(dir.resolve("broken.json"), Events.envelope("alarms/eventbridge-ec2-cpu.json")
                .put("account", "12345"));

        Cli.Result result = Cli.execute("plan", broken.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains(broken + ": rejected: account: expected a 12-digit account id, found \"12345\"");
    }

    @Test
    void explainsHowAnAlarmRuleCorrelates() throws IOException {
        Path team = Files.writeString(dir.resolve("team.yaml"), ROLLBACK);

        Cli.Result result = Cli.execute("explain", "checkout-after-deploy", "--rules", team.toString());

        assertThat(result.out().lines()).containsSubsequence(
                "  correlate:  an alarm's decision names the changes CloudTrail recorded to its resources in the 10 min"
                        + " before it (LookupEvents)",
                "              acts only if UpdateFunctionCode20150331v2 or UpdateAlias20150331 is among them; else not"
                        + " acted, with the reason");
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }
}
