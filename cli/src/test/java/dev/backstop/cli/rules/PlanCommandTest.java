package dev.backstop.cli.rules;

import static dev.backstop.cli.testing.Events.STOP_LOGGING;
import static dev.backstop.cli.testing.Events.STOP_LOGGING_DENIED;
import static dev.backstop.cli.testing.Events.STOP_LOGGING_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.cli.testing.Cli;
import dev.backstop.cli.testing.Events;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = "cloudtrail-logging-stopped";

    @TempDir
    Path dir;

    private static String stopLogging() {
        return Events.sample(STOP_LOGGING).toString();
    }

    private static List<JsonNode> lines(Cli.Result result) {
        return result.out().lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }).toList();
    }

    private Path rules(String yaml) throws IOException {
        return Files.writeString(dir.resolve("team.yaml"), yaml);
    }

    @Test
    void showsTheMatchingRuleItsModeAndItsActionsInATable() {
        Cli.Result result = Cli.execute("plan", stopLogging());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsSubsequence(
                stopLogging() + ": StopLogging " + STOP_LOGGING_ID,
                "  RULE                        MODE     ACTIONS                   EXEMPTION",
                "  " + RULE + "  enforce  cloudtrail.start-logging  decided at run time: exempt if the resource has"
                        + " tag backstop:exempt=true",
                "",
                "1 event: 1 matched a rule, 0 matched none, 0 rejected. Modes capped by --mode enforce.");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void writesOneJsonObjectPerEventWithTheDocumentedFields() {
        Cli.Result result = Cli.execute("plan", "--json", stopLogging());

        JsonNode line = lines(result).get(0);
        assertThat(line.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("source", "eventId", "eventName", "ignored", "protected", "matches", "error");
        assertThat(line.get("source").asText()).isEqualTo(stopLogging());
        assertThat(line.get("eventId").asText()).isEqualTo(STOP_LOGGING_ID);
        assertThat(line.get("eventName").asText()).isEqualTo("StopLogging");
        assertThat(line.get("error").isNull()).isTrue();
        JsonNode match = line.get("matches").get(0);
        assertThat(match.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("rule", "mode", "modeReason", "exempted", "exemption", "actions");
        assertThat(match.get("modeReason").asText()).isEqualTo("the rule's mode");
        assertThat(match.get("rule").asText()).isEqualTo(RULE);
        assertThat(match.get("mode").asText()).isEqualTo("enforce");
        assertThat(match.get("exempted").asBoolean()).isFalse();
        assertThat(match.get("actions")).hasSize(1);
        assertThat(match.get("actions").get(0).get("action").asText()).isEqualTo("cloudtrail.start-logging");
        assertThat(match.get("actions").get(0).get("params").isObject()).isTrue();
    }

    @Test
    void neverClaimsToKnowATagExemptionTheEventCannotShow() {
        JsonNode match = lines(Cli.execute("plan", "--json", stopLogging())).get(0).get("matches").get(0);

        assertThat(match.get("exempted").asBoolean()).isFalse();
        assertThat(match.get("exemption").asText())
                .isEqualTo("decided at run time: exempt if the resource has tag backstop:exempt=true");
    }

    @Test
    void wrapsABareCloudTrailRecordSoTheRulesMatchItAsTheyWouldTheDeliveredEvent() {
        Path record = Events.write(dir.resolve("record.json"), Events.record(STOP_LOGGING));

        Cli.Result result = Cli.execute("plan", "--json", record.toString());

        assertThat(result.exitCode()).isZero();
        JsonNode line = lines(result).get(0);
        assertThat(line.get("eventId").asText()).isEqualTo(STOP_LOGGING_ID);
        assertThat(line.get("matches").get(0).get("rule").asText()).isEqualTo(RULE);
    }

    @Test
    void plansEveryRecordOfACloudTrailLogFile() {
        Path log = Events.write(dir.resolve("log.json"),
                Events.logFile(List.of(Events.record(STOP_LOGGING), Events.record(STOP_LOGGING_DENIED))));

        Cli.Result result = Cli.execute("plan", log.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).contains(
                log + " Records[0]: StopLogging " + STOP_LOGGING_ID,
                log + " Records[1]: StopLogging 7a3c9e1f-4b2d-4e6a-9c8b-1f0e2d3c4b5a",
                "2 events: 1 matched a rule, 1 matched none, 0 rejected. Modes capped by --mode enforce.");
    }

    @Test
    void plansAGzippedLogFileAsTrailsWriteThemToS3() {
        Path log = Events.writeGzipped(dir.resolve("123456789012_CloudTrail_us-east-1_20261120T0915Z_abc.json.gz"),
                Events.logFile(List.of(Events.record(STOP_LOGGING), Events.record(STOP_LOGGING_DENIED))));

        Cli.Result result = Cli.execute("plan", "--json", log.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(lines(result)).extracting(line -> line.get("eventName").asText())
                .containsExactly("StopLogging", "StopLogging");
        assertThat(lines(result).get(0).get("matches").get(0).get("rule").asText()).isEqualTo(RULE);
    }

    @Test
    void reportsAMalformedEventAndPlansTheOthersThenExitsOne() {
        ObjectNode broken = Events.envelope(STOP_LOGGING);
        ((ObjectNode) broken.get("detail")).remove("eventName");
        Path bad = Events.write(dir.resolve("bad.json"), broken);

        Cli.Result result = Cli.execute("plan", "--json", stopLogging(), bad.toString(), stopLogging());

        assertThat(result.exitCode()).isEqualTo(1);
        List<JsonNode> lines = lines(result);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1).get("source").asText()).isEqualTo(bad.toString());
        assertThat(lines.get(1).get("eventId").asText()).isEqualTo(STOP_LOGGING_ID);
        assertThat(lines.get(1).get("error").asText()).isEqualTo("detail.eventName: is missing");
        assertThat(lines.get(1).get("matches")).isEmpty();
        assertThat(lines.get(2).get("matches")).hasSize(1);
    }

    @Test
    void namesAMalformedRecordOfALogFileByItsPlaceInTheTable() {
        ObjectNode broken = Events.record(STOP_LOGGING).put("eventTime", "yesterday");
        Path log = Events.write(dir.resolve("log.json"), Events.logFile(List.of(Events.record(STOP_LOGGING), broken)));

        Cli.Result result = Cli.execute("plan", log.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out().lines()).contains(
                log + " Records[1]: rejected: Records[1].eventTime: not a timestamp: \"yesterday\"",
                "2 events: 1 matched a rule, 0 matched none, 1 rejected. Modes capped by --mode enforce.");
    }

    @Test
    void escapesWhatAnEventSaysSoItCannotForgeARowOrDriveTheTerminal() {
        ObjectNode forgedName = Events.envelope(STOP_LOGGING);
        ((ObjectNode) forgedName.get("detail")).put("eventName", "StopLogging\r\n  cloudtrail-logging-stopped  enforce  none");
        ObjectNode forgedId = Events.envelope(STOP_LOGGING);
        ((ObjectNode) forgedId.get("detail")).put("eventID", "\u001b[2J\u001b[Hcleared");
        Path name = Events.write(dir.resolve("forged-name.json"), forgedName);
        Path id = Events.write(dir.resolve("forged-id.json"), forgedId);

        Cli.Result result = Cli.execute("plan", name.toString(), id.toString());

        assertThat(result.out()).doesNotContain("\r", "\u001b").contains(
                name + ": StopLogging\\r\\n  cloudtrail-logging-stopped  enforce  none ",
                id + ": rejected: detail.eventID: expected CloudTrail's event id (a lower-case UUID), found"
                        + " \"\\u001B[2J\\u001B[Hcleared\"");
        assertThat(result.out().lines()).contains("  no rule matched");
    }

    @Test
    void plansEachFileOnItsOwnWhenOneBreaksALimit() throws IOException {
        Path deep = Files.writeString(dir.resolve("deep.json"), Events.envelope(STOP_LOGGING).toString().replace(
                "\"requestParameters\":",
                "\"requestParameters\":{\"x\":" + "[".repeat(1000) + "]".repeat(1000) + "},\"was\":"));
        Path huge = Files.write(dir.resolve("huge.json"), new byte[2 << 20]);

        Cli.Result result = Cli.execute("plan", deep.toString(), huge.toString(), stopLogging());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out().lines()).anyMatch(line -> line.startsWith(
                deep + ": rejected: $: nested more than 64 levels deep at line 1, column "));
        assertThat(result.out().lines()).contains(
                huge + ": rejected: $: more than 1,048,576 bytes, larger than any event AWS delivers (at most 1,048,576 bytes"
                        + " are read)",
                "3 events: 1 matched a rule, 0 matched none, 2 rejected. Modes capped by --mode enforce.");
    }

    @Test
    void judgesAShareOutsideByTheTrustedSetOfTheEnvironmentAsTheHandlersDo() {
        // The sample shares a snapshot with 999988887777, dated before the tests' clock.
        ObjectNode event = Events.envelope("ec2/modify-snapshot-attribute-share.json");
        event.put("time", "2026-11-20T09:12:03Z");
        ((ObjectNode) event.get("detail")).put("eventTime", "2026-11-20T09:12:01Z");
        String share = Events.write(dir.resolve("share.json"), event).toString();

        Cli.Result untrusted = Cli.execute("plan", "--json", share);
        Cli.Result trusted = new Cli().env("BACKSTOP_TRUSTED_ACCOUNTS", "999988887777").run("plan", "--json", share);

        assertThat(lines(untrusted)).singleElement().satisfies(line -> assertThat(line.path("matches").toString())
                .contains("ec2-snapshot-shared-outside").contains("ec2.unshare-snapshot"));
        assertThat(lines(trusted)).singleElement().satisfies(line -> assertThat(line.path("matches").toString())
                .doesNotContain("ec2.unshare-snapshot"));
    }

    @Test
    void capsEachRulesModeByTheGlobalMode() {
        JsonNode match = lines(Cli.execute("plan", "--json", "--mode", "dry-run", stopLogging()))
                .get(0).get("matches").get(0);

        assertThat(match.get("mode").asText()).isEqualTo("dry-run");
        assertThat(match.get("actions")).hasSize(1);
    }

    @Test
    void showsARuleInModeOffWithNoActions() throws IOException {
        Path team = rules("""
                version: 1
                rules: []
                overrides:
                  cloudtrail-logging-stopped: {mode: "off"}
                """);

        Cli.Result result = Cli.execute("plan", "--rules", team.toString(), stopLogging());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).contains("  " + RULE + "  off   none (mode off)  -");
    }

    @Test
    void appliesACallerExemptionAndRunsNothing() throws IOException {
        Path team = rules("""
                version: 1
                rules:
                  - id: developers-stop-trails
                    description: Stopping a trail, by anyone but the break-glass role.
                    severity: high
                    mode: enforce
                    match:
                      detail:
                        eventName: [StopLogging]
                    unless:
                      principals: ["arn:aws:iam::123456789012:role/DeveloperAccess"]
                    actions:
                      - action: cloudtrail.start-logging
                """);

        List<JsonNode> matches = List.copyOf(lines(Cli.execute("plan", "--json", "--rules", team.toString(),
                stopLogging())).get(0).get("matches").valueStream().toList());

        JsonNode exempted = matches.stream().filter(m -> m.get("rule").asText().equals("developers-stop-trails"))
                .findFirst().orElseThrow();
        assertThat(exempted.get("exempted").asBoolean()).isTrue();
        assertThat(exempted.get("exemption").asText()).isEqualTo("principal arn:aws:sts::123456789012:assumed-role/"
                + "DeveloperAccess/mallory matches unless.principals arn:aws:iam::123456789012:role/DeveloperAccess");
        assertThat(exempted.get("actions")).isEmpty();
    }

    @Test
    void reportsATimeBoxedResourceExemptionAsDecidedAtRunTime() throws IOException {
        Path team = rules("""
                version: 1
                rules:
                  - id: audit-trail-stopped
                    description: The audit trail stopped logging.
                    severity: high
                    mode: enforce
                    match:
                      detail:
                        eventName: [StopLogging]
                    unless:
                      exemptions:
                        - resource: "arn:aws:cloudtrail:*:123456789012:trail/migration-*"
                          owner: alice
                          reason: trail migration
                          expires: "2026-12-31T00:00:00Z"
                    actions:
                      - action: cloudtrail.start-logging
                """);

        JsonNode match = lines(Cli.execute("plan", "--json", "--rules", team.toString(), stopLogging()))
                .get(0).get("matches").get(0);

        assertThat(match.get("rule").asText()).isEqualTo("audit-trail-stopped");
        assertThat(match.get("exempted").asBoolean()).isFalse();
        assertThat(match.get("exemption").asText()).isEqualTo("decided at run time: exempt if the resource is"
                + " arn:aws:cloudtrail:*:123456789012:trail/migration-* (until 2026-12-31T00:00:00Z, owner alice:"
                + " trail migration)");
        assertThat(match.get("actions")).hasSize(1);
    }

    @Test
    void ignoresAFailedCallAsTheHandlerDoesEvenWhenARuleMatchesIt() throws IOException {
        Path team = rules("""
                version: 1
                rules:
                  - id: any-stop-logging
                    description: Any StopLogging call, failed or not.
                    severity: low
                    mode: enforce
                    match:
                      detail:
                        eventName: [StopLogging]
                    actions:
                      - action: cloudtrail.start-logging
                """);

        JsonNode line = lines(Cli.execute("plan", "--json", "--rules", team.toString(),
                Events.sample(STOP_LOGGING_DENIED).toString())).get(0);

        assertThat(line.get("ignored").asText())
                .isEqualTo("the API call failed (AccessDenied); the handler never acts on a failed call");
        assertThat(line.get("matches").get(0).get("rule").asText()).isEqualTo("any-stop-logging");
        assertThat(line.get("matches").get(0).get("actions")).isEmpty();
    }

    @Test
    void showsAnEventMadeByAProtectedPrincipalAsProtectedWithNoActionToRun() {
        Cli.Result table = new Cli().env("BACKSTOP_PROTECTED_PRINCIPALS", "arn:aws:iam::123456789012:role/DeveloperAccess")
                .run("plan", stopLogging());
        JsonNode line = lines(Cli.execute("plan", "--json", "--protected-principal",
                "arn:aws:iam::123456789012:role/Developer*", stopLogging())).get(0);

        assertThat(table.exitCode()).isZero();
        assertThat(table.out().lines()).contains("  protected: made by protected principal"
                + " arn:aws:sts::123456789012:assumed-role/DeveloperAccess/mallory (ProtectedPrincipalArns): Backstop does"
                + " not act on a protected principal's calls; a rule that matches is notified as PROTECTED")
                .anySatisfy(row -> assertThat(row).startsWith("  " + RULE + "  enforce  none (protected principal: notified)"));
        assertThat(line.get("protected").asText()).startsWith("made by protected principal");
        assertThat(line.get("matches").get(0).get("rule").asText()).isEqualTo(RULE);
        assertThat(line.get("matches").get(0).get("actions")).isEmpty();
        assertThat(lines(Cli.execute("plan", "--json", stopLogging())).get(0).get("protected").isNull()).isTrue();
    }

    @Test
    void refusesToPlanWithRulesThatHaveErrors() throws IOException {
        Path team = rules("version: 2\nrules: []\n");

        Cli.Result result = Cli.execute("plan", "--rules", team.toString(), stopLogging());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("%s:1: rule -: version: expected 1, found number 2%n".formatted(team));
        assertThat(result.out()).isEmpty();
    }

    @Test
    void anEventFileThatCannotBeReadIsAUsageErrorBeforeAnythingIsPlanned() {
        Path missing = dir.resolve("missing.json");

        Cli.Result result = Cli.execute("plan", stopLogging(), missing.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("backstop plan: cannot read %s: no such file%n".formatted(missing));
        assertThat(result.out()).isEmpty();
    }

    @Test
    void needsAtLeastOneEventFile() {
        Cli.Result result = Cli.execute("plan");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Missing required parameter: 'EVENT-FILE'");
    }

    @Test
    void refusesAnUnknownGlobalMode() {
        Cli.Result result = Cli.execute("plan", "--mode", "yolo", stopLogging());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Invalid value for option '--mode': unknown mode \"yolo\"; expected one of"
                + " enforce, dry-run, notify, off");
    }

    @Test
    void aModeSteppedByUnitIsResolvedForTheEventsAccountAndOneByTagsIsLeftToRunTime(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path team = java.nio.file.Files.writeString(dir.resolve("team.yaml"), """
                version: 1
                organization:
                  sandbox: ["123456789012"]
                rules: []
                overrides:
                  cloudtrail-logging-stopped:
                    mode:
                      default: notify
                      when:
                        - tags: {env: dev}
                          mode: enforce
                        - ous: [sandbox]
                          mode: dry-run
                """);

        Cli.Result result = Cli.execute("plan", "--json", "--rules", team.toString(), stopLogging());

        JsonNode match = lines(result).get(0).get("matches").get(0);
        assertThat(match.get("mode").asText()).isEqualTo("dry-run");
        assertThat(match.get("modeReason").asText()).isEqualTo("when case at " + team + ":12: organizational unit sandbox;"
                + " cases on resource tags (tag env=dev -> enforce) are decided at run time");
    }
}
