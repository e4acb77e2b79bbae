package dev.backstop.cli.backtest;

import static dev.backstop.cli.testing.LogFolder.describeTrails;
import static dev.backstop.cli.testing.LogFolder.stopLogging;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.cli.testing.Cli;
import dev.backstop.cli.testing.LogFolder;
import dev.backstop.rules.DefaultPack;
import dev.backstop.testing.LogFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private static final String RULE = "cloudtrail-logging-stopped";
    private static final String CALLER = "arn:aws:sts::123456789012:assumed-role/DeveloperAccess/mallory";
    private static final String TRAIL = "arn:aws:cloudtrail:us-east-1:123456789012:trail/";
    /** The shipped pack grows with the catalogue: count its rules rather than pin a number. */
    private static final long SHIPPED = DefaultPack.text().content().lines()
            .filter(line -> line.startsWith("  - id: ")).count();

    @TempDir
    Path dir;

    private LogFolder logs() {
        return new LogFolder(dir.resolve("logs"));
    }

    private String logsPath() {
        return dir.resolve("logs").toString();
    }

    private static List<JsonNode> lines(Cli.Result result, String type) {
        return result.out().lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }).filter(line -> line.path("type").asText().equals(type)).toList();
    }

    private static List<String> verdicts(Cli.Result result) {
        return lines(result, "decision").stream().map(line -> line.get("verdict").asText()).toList();
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** StopLogging of a trail of its own each, a second apart from {@code from}. */
    private static List<ObjectNode> stops(int from, int count, Instant start) {
        return IntStream.range(from, from + count)
                .mapToObj(n -> stopLogging(n, start.plusSeconds(n), TRAIL + "t" + n)).toList();
    }

    @Test
    void replaysAFolderOfGzippedLogsAndSummarizesEachRuleByAccountAndRegion() {
        logs().write(T0.plusSeconds(300), List.of(stopLogging(1, T0), describeTrails(2, T0.plusSeconds(10)),
                stopLogging(3, T0.plusSeconds(20), TRAIL + "other")));

        Cli.Result result = Cli.execute("backtest", logsPath());

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out().lines()).containsSubsequence(
                "Read 3 events from 1 file under " + logsPath() + " (at any time): 0 outside the window.",
                "Pack \"rules\" (the default pack, " + SHIPPED + " rules, global mode enforce):",
                "  RULE                        ACCOUNT       REGION     MATCHES  ENFORCE  DRY-RUN  NOTIFY  HELD  EXEMPTED"
                        + "  PROTECTED  TRIPS",
                "  " + RULE + "  123456789012  us-east-1  2        2        0        0       0     0         0          0",
                "  " + RULE + " in 123456789012 us-east-1:",
                "    top principals: " + CALLER + " (2)",
                "    top resources: " + TRAIL + "management-events (1), " + TRAIL + "other (1)",
                "  Events no rule acted on: 1 no rule in force matched.");
    }

    @Test
    void writesADecisionLineForEachActionAndSummaryLinesAtTheEnd() {
        logs().write(T0.plusSeconds(300), List.of(stopLogging(1, T0)));

        Cli.Result result = Cli.execute("backtest", "--json", logsPath());

        JsonNode decision = lines(result, "decision").get(0);
        assertThat(decision.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("type", "time",
                "eventId", "eventName", "account", "region", "principal", "rule", "action", "resource", "mode", "verdict",
                "reason");
        assertThat(decision.get("rule").asText()).isEqualTo(RULE);
        assertThat(decision.get("verdict").asText()).isEqualTo("enforce");
        assertThat(decision.get("reason").asText()).isEqualTo("cloudtrail.start-logging in mode enforce; unless.tags not"
                + " checked (a resource's tags then are not known)");
        JsonNode summary = lines(result, "summary").get(0);
        assertThat(summary.get("matches").asLong()).isEqualTo(1);
        assertThat(summary.get("enforce").asLong()).isEqualTo(1);
        assertThat(summary.get("topPrincipals").get(0).get("name").asText()).isEqualTo(CALLER);
        assertThat(lines(result, "totals").get(0).get("events").asLong()).isEqualTo(1);
    }

    @Test
    void theBreakersTripAsTheyWouldHaveInTimeOrderAndTheTrailRuleActsPastThemAsItRestoresEyes() {
        LogFolder logs = logs();
        // Written out of order: the later file's events come first in the folder's listing order by name.
        List<ObjectNode> first = new ArrayList<>(stops(0, 6, T0));
        List<ObjectNode> second = new ArrayList<>(stops(6, 6, T0));
        logs.write(T0.plusSeconds(600), second);
        logs.write(T0.plusSeconds(300), first);

        Cli.Result result = new Cli().env("BACKSTOP_BLAST_RULE_LIMIT", "4").run("backtest", "--json", logsPath());

        assertThat(verdicts(result)).hasSize(12).containsOnly("enforce");
        JsonNode trip = lines(result, "trip").get(0);
        assertThat(trip.get("time").asText()).isEqualTo(T0.plusSeconds(4).toString());
        assertThat(trip.get("breaker").asText()).isEqualTo("the blast-radius breaker of rule 123456789012/" + RULE);
        assertThat(lines(result, "decision").get(3).get("reason").asText()).doesNotContain("acted past");
        assertThat(lines(result, "decision").get(4).get("reason").asText())
                .contains("; acted past the blast-radius breaker of rule 123456789012/" + RULE);
    }

    @Test
    void aTimeBoxedExemptionAppliesToTheEventsBeforeItExpiresOnly() throws IOException {
        Instant expires = Instant.parse("2026-11-21T00:00:00Z");
        logs().write(expires.plusSeconds(3600), List.of(stopLogging(1, expires.minusSeconds(60)),
                stopLogging(2, expires.plusSeconds(60))));
        Path team = file("team.yaml", """
                version: 1
                rules:
                  - id: team-logging-stopped
                    description: A trail stopped logging.
                    severity: high
                    mode: enforce
                    match:
                      source: [aws.cloudtrail]
                      detail:
                        eventName: [StopLogging]
                    unless:
                      exemptions:
                        - principal: "arn:aws:iam::123456789012:role/DeveloperAccess"
                          owner: alice@example.com
                          reason: CHG-1 trail migration
                          expires: 2026-11-21T00:00:00Z
                    actions:
                      - action: cloudtrail.start-logging
                """);

        Cli.Result result = Cli.execute("backtest", "--json", "--rules", team.toString(), logsPath());

        List<JsonNode> team1 = lines(result, "decision").stream()
                .filter(line -> line.get("rule").asText().equals("team-logging-stopped")).toList();
        assertThat(team1).as(result.err()).extracting(line -> line.get("verdict").asText())
                .containsExactly("exempted", "enforce");
        assertThat(team1.get(0).get("reason").asText()).startsWith("time-boxed exemption for principal"
                + " arn:aws:iam::123456789012:role/DeveloperAccess until 2026-11-21T00:00:00Z (owner alice@example.com");
    }

    @Test
    void ignoresFailedCallsAndBackstopsOwnCallsAsTheHandlerDoes() {
        ObjectNode failed = stopLogging(2, T0.plusSeconds(1));
        failed.put("errorCode", "AccessDenied");
        logs().write(T0.plusSeconds(300), List.of(stopLogging(1, T0), failed));

        Cli.Result result = new Cli().env("BACKSTOP_OWN_PRINCIPALS", "arn:aws:iam::123456789012:role/DeveloperAccess")
                .run("backtest", logsPath());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("  no rule acted on any event.",
                "  Events no rule acted on: 1 Backstop's own call; 1 failed API call.");
    }

    @Test
    void neverTargetsAProtectedPrincipal() {
        ObjectNode attach = LogFiles.numbered(LogFiles.record("iam/attach-role-policy-admin.json"), 1, T0);

        Cli.Result result = Cli.execute("backtest", "--json", "--own-principal", "arn:aws:iam::*:role/data-*",
                logs().write(T0.plusSeconds(300), List.of(attach)).toString());

        JsonNode decision = lines(result, "decision").get(0);
        assertThat(decision.get("rule").asText()).isEqualTo("iam-admin-policy-attached");
        assertThat(decision.get("resource").asText()).isEqualTo("arn:aws:iam::123456789012:role/data-pipeline");
        assertThat(decision.get("verdict").asText()).isEqualTo("protected");
    }

    @Test
    void reportsACallByAProtectedPrincipalAsProtectedNotAsBackstopsOwn() {
        logs().write(T0.plusSeconds(300), List.of(stopLogging(1, T0)));

        Cli.Result result = new Cli().env("BACKSTOP_PROTECTED_PRINCIPALS", "arn:aws:iam::123456789012:role/DeveloperAccess")
                .run("backtest", "--json", logsPath());

        JsonNode decision = lines(result, "decision").get(0);
        assertThat(decision.get("rule").asText()).isEqualTo("cloudtrail-logging-stopped");
        assertThat(decision.get("verdict").asText()).isEqualTo("protected");
        assertThat(decision.get("reason").asText()).startsWith("made by protected principal"
                + " arn:aws:sts::123456789012:assumed-role/DeveloperAccess/");
    }

    @Test
    void theGlobalModeCapsEveryRule() {
        logs().write(T0.plusSeconds(300), List.of(stopLogging(1, T0)));

        assertThat(verdicts(Cli.execute("backtest", "--json", "--mode", "notify", logsPath()))).containsExactly("notify");
        assertThat(verdicts(Cli.execute("backtest", "--json", "--mode", "dry-run", logsPath()))).containsExactly("dry-run");
        assertThat(verdicts(Cli.execute("backtest", "--json", "--mode", "off", logsPath()))).isEmpty();
    }

    @Test
    void anActionWhoseParametersLeaveTheEventOutDecidesNothing() throws IOException {
        ObjectNode fromOffice = LogFiles.numbered(LogFiles.record("iam/access-key-from-unexpected-network.json"), 1, T0);
        fromOffice.put("sourceIPAddress", "203.0.113.9");
        ObjectNode fromElsewhere = LogFiles.numbered(LogFiles.record("iam/access-key-from-unexpected-network.json"), 2,
                T0.plusSeconds(1));
        fromElsewhere.put("sourceIPAddress", "198.51.100.7");
        Path team = file("team.yaml", """
                version: 1
                rules: []
                overrides:
                  iam-access-key-unexpected-network:
                    mode: enforce
                """);
        logs().write(T0.plusSeconds(300), List.of(fromOffice, fromElsewhere));

        Cli.Result result = Cli.execute("backtest", "--json", "--rules", team.toString(), logsPath());

        assertThat(lines(result, "decision")).as(result.err()).extracting(line -> line.get("eventId").asText())
                .containsExactly(fromElsewhere.get("eventID").asText());
    }

    @Test
    void comparesTwoPacksEventByEventWithTheReasonOnEachSide() throws IOException {
        logs().write(T0.plusSeconds(300), List.of(stopLogging(1, T0), describeTrails(2, T0.plusSeconds(1))));
        Path exempting = file("exempting.yaml", """
                version: 1
                rules:
                  - id: team-logging-stopped
                    description: A trail stopped logging.
                    severity: high
                    mode: notify
                    match:
                      source: [aws.cloudtrail]
                      detail:
                        eventName: [StopLogging]
                    unless:
                      principals: ["arn:aws:iam::*:role/DeveloperAccess"]
                    actions:
                      - action: cloudtrail.start-logging
                overrides:
                  cloudtrail-logging-stopped:
                    mode: off
                """);

        Cli.Result result = Cli.execute("backtest", "--against", exempting.toString(), logsPath());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).containsSubsequence(
                "1 events decided differently by \"rules\" and \"against\".",
                "  " + RULE + ": would enforce -> no decision: 1",
                "  team-logging-stopped: no decision -> exempted: 1",
                "  The first events:",
                "    " + RULE + " (cloudtrail.start-logging): would enforce (cloudtrail.start-logging in mode enforce;"
                        + " unless.tags not checked (a resource's tags then are not known)) -> no decision (the rule is off)",
                "    team-logging-stopped (cloudtrail.start-logging): no decision (the rule is not in this pack) -> exempted"
                        + " (principal " + CALLER + " matches unless.principals arn:aws:iam::*:role/DeveloperAccess)");
        Cli.Result json = Cli.execute("backtest", "--json", "--against", exempting.toString(), logsPath());
        JsonNode difference = lines(json, "difference").get(0);
        assertThat(difference.get("changes")).hasSize(2);
        assertThat(difference.get("changes").get(1).get("against").get("verdict").asText()).isEqualTo("exempted");
    }

    @Test
    void reportsBadFilesAndRecordsWithTheirPathSkipsThemAndSaysSoInTheExitCode() {
        LogFolder logs = logs();
        Path good = logs.write(T0.plusSeconds(300), List.of(stopLogging(1, T0)));
        ObjectNode bad = stopLogging(2, T0.plusSeconds(1));
        bad.put("eventTime", "yesterday");
        Path withBadRecord = logs.write(T0.plusSeconds(600), List.of(bad, stopLogging(3, T0.plusSeconds(2))));
        Path corrupt = logs.writeBytes(T0.plusSeconds(900), "not gzip, not json".getBytes(StandardCharsets.UTF_8));

        Cli.Result result = Cli.execute("backtest", "--json", logs.root().toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines()).containsExactly(
                "backstop backtest: " + withBadRecord + ": Records[0].eventTime: not a timestamp: \"yesterday\" (skipped)",
                "backstop backtest: " + corrupt + ": $: not valid JSON at byte 4: unexpected word \"not\"; the rest of the file"
                        + " is skipped (skipped)");
        assertThat(verdicts(result)).hasSize(2);
        JsonNode totals = lines(result, "totals").get(0);
        assertThat(totals.get("badFiles").asLong()).isEqualTo(1);
        assertThat(totals.get("badRecords").asLong()).isEqualTo(1);
        assertThat(good).exists();
    }

    @Test
    void neverOpensADayFolderOutsideTheWindow() {
        LogFolder logs = logs();
        logs.write(T0.plusSeconds(300), List.of(stopLogging(1, T0)));
        logs.writeBytes(T0.minusSeconds(3 * 86_400), "corrupt".getBytes(StandardCharsets.UTF_8));
        logs.write(T0.plusSeconds(3 * 86_400), List.of(stopLogging(2, T0.plusSeconds(3 * 86_400))));

        Cli.Result result = Cli.execute("backtest", "--json", "--since", "2026-11-20", "--until", "2026-11-21",
                logs.root().toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(lines(result, "totals").get(0).get("events").asLong()).isEqualTo(1);
    }

    @Test
    void decidesARedeliveredEventOnce() {
        LogFolder logs = logs();
        logs.write(T0.plusSeconds(300), List.of(stopLogging(1, T0)));
        logs.write(T0.plusSeconds(600), List.of(stopLogging(1, T0)));

        Cli.Result result = Cli.execute("backtest", "--json", logsPath());

        assertThat(verdicts(result)).containsExactly("enforce");
        assertThat(lines(result, "totals").get(0).get("duplicates").asLong()).isEqualTo(1);
    }

    @Test
    void writesTheReportAsOneSelfContainedPageEscapingWhatTheLogsSay() throws IOException {
        ObjectNode hostile = stopLogging(1, T0, "<script>alert(1)</script>");
        logs().write(T0.plusSeconds(300), List.of(hostile));
        Path page = dir.resolve("report.html");

        Cli.Result result = Cli.execute("backtest", "--html", page.toString(), logsPath());

        assertThat(result.exitCode()).isZero();
        String html = Files.readString(page);
        assertThat(html).contains("<svg class=\"timeline\" data-rule=\"" + RULE + "\"", "<rect class=\"bar enforce\"",
                "<table class=\"summary\">", "&lt;script&gt;alert(1)&lt;/script&gt;",
                "content=\"default-src 'none'; style-src 'unsafe-inline'\"");
        assertThat(html).doesNotContain("<script", "http://", "https://");
    }

    @Test
    void aSourceThatDoesNotExistIsAUsageError() {
        Cli.Result result = Cli.execute("backtest", dir.resolve("nowhere").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("backstop backtest: cannot read " + dir.resolve("nowhere") + ": no such file"
                + " or folder");
    }

    @Test
    void aTimeThatIsNoTimeOrAWindowThatEndsBeforeItStartsIsAUsageError() {
        Cli.Result badTime = Cli.execute("backtest", "--since", "last tuesday", dir.toString());
        Cli.Result backwards = Cli.execute("backtest", "--since", "2026-11-21", "--until", "2026-11-20", dir.toString());

        assertThat(badTime.exitCode()).isEqualTo(2);
        assertThat(badTime.err()).startsWith("not a time: \"last tuesday\"");
        assertThat(backwards.exitCode()).isEqualTo(2);
        assertThat(backwards.err()).startsWith("--since (2026-11-21T00:00:00Z) must come before --until");
    }

    @Test
    void aRuleFileWithErrorsStopsBeforeAnythingIsRead() throws IOException {
        Path broken = file("broken.yaml", "version: 1\nrules:\n  - id: x\n");

        Cli.Result result = Cli.execute("backtest", "--rules", broken.toString(), dir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("broken.yaml");
        assertThat(result.out()).isEmpty();
    }
}
