package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.audit.AuditKeys;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.cli.BackstopCli;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.TerminalContext;
import dev.backstop.config.Controls;
import dev.backstop.config.Mode;
import dev.backstop.config.OwnResources;
import dev.backstop.config.RulesLocation;
import dev.backstop.config.Settings;
import dev.backstop.handlers.cloudtrail.CloudTrailHandler;
import dev.backstop.handlers.selfwatch.SelfWatchComponent;
import dev.backstop.handlers.selfwatch.SelfWatchHandler;
import dev.backstop.testing.MutableClock;
import dev.backstop.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;

/**
 * A veto window and the kill switch through the real CloudTrail handler and SDK clients on the
 * emulators: the trail on moto's CloudTrail, the audit table and deferrals on moto's DynamoDB
 * (whose conditions decide who wins a race), the schedules on moto's EventBridge Scheduler, the
 * team file in LocalStack's S3 and the notices on its SNS. Scheduler does not fire here: the test
 * invokes the handler with the schedule's own input, as Scheduler would at the due time. A
 * schedule deleted behind Backstop's back is heard by the real self-watch handler, which puts it
 * back unless its decision was vetoed.
 */
class TeamworkIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/backstop-scheduler";
    private static final String TEAM = """
            version: 1
            overrides:
              cloudtrail-logging-stopped: {mode: off}
            rules:
              - id: trail-stopped-with-veto
                description: Turn a stopped trail back on after a veto window.
                severity: high
                mode: enforce
                enforce-after: 15m
                match:
                  detail: {eventSource: [cloudtrail.amazonaws.com], eventName: [StopLogging]}
                actions: [{action: cloudtrail.start-logging}]
            """;

    private static DemoWorld world;
    private static SchedulerClient scheduler;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        scheduler = AwsClientsModule.build(SchedulerClient.builder(), UrlConnectionHttpClient.create(),
                DefaultCredentialsProvider.builder().build(), new DefaultAwsRegionProviderChain().getRegion());
    }

    /** A stage with its own schedule group and team file, and a handler whose clock the test moves. */
    private record Team(Stage stage, String group, String bucket, MutableClock clock, CloudTrailHandler handler,
            Settings settings) {
    }

    private static Team team(String name, String file) {
        Stage stage = world.build(Emulators.uniquePrefix(name));
        String group = stage.trailName() + "-vetoes";
        scheduler.createScheduleGroup(request -> request.name(group));
        String bucket = stage.trailName() + "-rules";
        world.s3().createBucket(request -> request.bucket(bucket));
        putTeamFile(bucket, file);
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Settings settings = new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of(),
                Optional.of(RulesLocation.parse("s3://" + bucket + "/team.yaml")), Duration.ofMinutes(1))
                .withControls(new Controls(false, group, Optional.of(ROLE)));
        return new Team(stage, group, bucket, clock,
                new CloudTrailHandler(BackstopComponent.factory().create(settings, clock)), settings);
    }

    private static void putTeamFile(String bucket, String file) {
        world.s3().putObject(request -> request.bucket(bucket).key("team.yaml"), RequestBody.fromString(file));
    }

    private static JsonNode invoke(CloudTrailHandler handler, byte[] payload) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload), answer,
                new TerminalContext(new PrintStream(new ByteArrayOutputStream())));
        return JSON.readTree(answer.toByteArray());
    }

    private static byte[] stopLogging(Team team) {
        world.stopLogging(team.stage());
        return world.stopLoggingEvent(SampleEvents.path("cloudtrail/stop-logging.json"), team.stage());
    }

    private static String eventId(byte[] event) throws IOException {
        return JSON.readTree(event).path("detail").path("eventID").asText();
    }

    private static byte[] due(String id) {
        return ("{\"backstop\":\"deferred\",\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String attribute(Team team, String auditId, String name) {
        return world.auditItem(team.stage(), auditId).map(item -> item.get(name)).map(AttributeValue::s).orElse(null);
    }

    @Test
    void aPendingDecisionRunsAtItsDueTimeFromAFreshReadAndNotBefore() throws IOException {
        Team team = team("veto-run", TEAM);
        byte[] event = stopLogging(team);
        String id = AuditKeys.decision(eventId(event));

        JsonNode pending = invoke(team.handler(), event);

        assertThat(pending.path("outcome").asText()).isEqualTo("PENDING");
        assertThat(world.isLogging(team.stage())).isFalse();
        GetScheduleResponse schedule = scheduler.listSchedules(request -> request.groupName(team.group())).schedules()
                .stream().findFirst().map(summary -> scheduler.getSchedule(request -> request.groupName(team.group())
                        .name(summary.name()))).orElseThrow();
        assertThat(schedule.target().input()).isEqualTo(new String(due(id), StandardCharsets.UTF_8));
        assertThat(schedule.target().arn()).isEqualTo(new TerminalContext(null).getInvokedFunctionArn());
        assertThat(schedule.target().roleArn()).isEqualTo(ROLE);
        assertThat(schedule.actionAfterCompletionAsString()).isEqualTo("DELETE");
        // The team file's load is notified too (RulesLoaded), before the decision.
        assertThat(world.notifications(team.stage(), 2, Duration.ofSeconds(15)))
                .filteredOn(notice -> notice.subject().contains("PENDING")).singleElement().satisfies(notice ->
                        assertThat(notice.message()).contains("./backstop veto " + id));

        JsonNode early = invoke(team.handler(), due(id));
        assertThat(early.path("outcome").asText()).as("before the window ends").isEqualTo("IGNORED");
        assertThat(world.isLogging(team.stage())).isFalse();

        team.clock().advance(Duration.ofMinutes(16));
        JsonNode ran = invoke(team.handler(), due(id));

        assertThat(ran.path("auditId").asText()).isEqualTo("due#" + id);
        assertThat(ran.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(world.isLogging(team.stage())).isTrue();
        assertThat(attribute(team, "due#" + id, "outcome")).isEqualTo("REMEDIATED");
        assertThat(invoke(team.handler(), due(id)).path("outcome").asText()).as("a second invocation").isEqualTo("IGNORED");
    }

    @Test
    void aResourceFixedDuringTheWindowIsLeftAsItIs() throws IOException {
        Team team = team("veto-fixed", TEAM);
        byte[] event = stopLogging(team);
        String id = AuditKeys.decision(eventId(event));
        invoke(team.handler(), event);
        world.startLogging(team.stage());

        team.clock().advance(Duration.ofMinutes(16));
        JsonNode ran = invoke(team.handler(), due(id));

        assertThat(ran.path("outcome").asText()).isEqualTo("ALREADY_COMPLIANT");
    }

    @Test
    void aVetoStopsThePendingActionIsAuditedWithTheCallerAndDeletesTheSchedule() throws IOException {
        Team team = team("veto-stop", TEAM);
        byte[] event = stopLogging(team);
        // The operator may type the bare event id, as for undo: it names the decision.
        String bare = eventId(event);
        String id = AuditKeys.decision(bare);
        invoke(team.handler(), event);
        Map<String, String> env = vetoEnvironment(team);

        String[] dryRun = veto(env, team, bare);
        String[] vetoed = veto(env, team, bare, "--yes");

        assertThat(dryRun[0]).isEqualTo("0");
        assertThat(dryRun[1]).contains("Would veto " + bare, "cloudtrail.start-logging on " + team.stage().trailArn());
        assertThat(vetoed[0]).as(vetoed[2]).isEqualTo("0");
        assertThat(attribute(team, "veto#" + id, "outcome")).isEqualTo("VETOED");
        String caller = attribute(team, "veto#" + id, "principal");
        assertThat(caller).startsWith("arn:aws:");
        assertThat(attribute(team, "veto#" + id, "reason")).contains("by " + caller + ": the owner is migrating");
        assertThat(scheduler.listSchedules(request -> request.groupName(team.group())).schedules()).isEmpty();

        team.clock().advance(Duration.ofMinutes(16));
        JsonNode ran = invoke(team.handler(), due(id));

        assertThat(ran.path("outcome").asText()).isEqualTo("VETOED");
        assertThat(world.isLogging(team.stage())).isFalse();
        assertThat(veto(env, team, id, "--yes")[0]).as("vetoed once").isEqualTo("1");
    }

    /** What ./backstop veto is run with: the team's schedule group, audit table and topic. */
    private static Map<String, String> vetoEnvironment(Team team) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(Controls.SCHEDULE_GROUP, team.group());
        env.put(Settings.AUDIT_TABLE, team.stage().auditTable());
        env.put(Settings.TOPIC_ARN, team.stage().topicArn());
        return env;
    }

    private static String[] veto(Map<String, String> env, Team team, String id, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = BackstopCli.commandLine(env, team.clock());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        String[] args = new String[4 + more.length];
        args[0] = "veto";
        args[1] = id;
        args[2] = "--reason";
        args[3] = "the owner is migrating";
        System.arraycopy(more, 0, args, 4, more.length);
        return new String[] {Integer.toString(command.execute(args)), out.toString(), err.toString()};
    }

    @Test
    void theKillSwitchHoldsWithinTheRuleFilesRereadAndIsRecordedOnceWhenSetAndWhenCleared() throws IOException {
        Team team = team("kill", "version: 1\nrules: []\n");
        byte[] first = stopLogging(team);
        assertThat(invoke(team.handler(), first).path("outcome").asText()).isEqualTo("REMEDIATED");

        putTeamFile(team.bucket(), "version: 1\nrules: []\nkill-switch: {by: alice@example.com, reason: INC-4711}\n");
        team.clock().advance(Duration.ofMinutes(1));
        assertThat(invoke(team.handler(), stopLogging(team)).path("outcome").asText()).isEqualTo("NOTIFIED");
        assertThat(invoke(team.handler(), stopLogging(team)).path("outcome").asText()).isEqualTo("NOTIFIED");
        assertThat(world.isLogging(team.stage())).isFalse();

        putTeamFile(team.bucket(), "version: 1\nrules: []\n");
        team.clock().advance(Duration.ofMinutes(1));
        assertThat(invoke(team.handler(), stopLogging(team)).path("outcome").asText()).isEqualTo("REMEDIATED");

        List<String> switched = world.auditItems(team.stage()).stream()
                .filter(item -> item.get("auditId").s().startsWith("kill-switch#"))
                .map(item -> item.get("eventName").s() + " " + item.get("principal").s()).toList();
        assertThat(switched).containsExactlyInAnyOrder("KillSwitchSet alice@example.com", "KillSwitchCleared -");
        // A second container that sees the same switch records nothing more.
        CloudTrailHandler another = new CloudTrailHandler(BackstopComponent.factory().create(team.settings(), team.clock()));
        invoke(another, stopLogging(team));
        assertThat(world.auditItems(team.stage()).stream().filter(item -> item.get("auditId").s().startsWith("kill-switch#")))
                .hasSize(2);
    }

    @Test
    void aDeferralMarkedVetoedInTheTableOutsideTheVetoCommandRunsNothingAndIsPutOnTheRecord() throws IOException {
        Team team = team("veto-forged", TEAM);
        byte[] event = stopLogging(team);
        String id = AuditKeys.decision(eventId(event));
        invoke(team.handler(), event);
        // Someone who may write the audit table marks the decision vetoed: no veto# record, no caller identity.
        try (DynamoDbClient dynamoDb = AwsClientsModule.build(DynamoDbClient.builder(), UrlConnectionHttpClient.create(),
                DefaultCredentialsProvider.builder().build(), new DefaultAwsRegionProviderChain().getRegion())) {
            dynamoDb.updateItem(request -> request.tableName(team.stage().auditTable())
                    .key(Map.of("auditId", AttributeValue.fromS("deferred#" + id)))
                    .updateExpression("SET #state = :vetoed, vetoedBy = :by, vetoReason = :reason")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":vetoed", AttributeValue.fromS("vetoed"),
                            ":by", AttributeValue.fromS("the owner"), ":reason", AttributeValue.fromS("approved"))));
        }
        team.clock().advance(Duration.ofMinutes(16));

        JsonNode refused = invoke(team.handler(), due(id));

        assertThat(world.isLogging(team.stage())).isFalse();
        assertThat(refused.path("outcome").asText()).isEqualTo("VETOED");
        assertThat(refused.path("reason").asText()).contains("marked vetoed outside ./backstop veto");
        assertThat(attribute(team, refused.path("auditId").asText(), "outcome")).isEqualTo("VETOED");
    }

    /** The self-watch hears the schedule's deletion as CloudTrail delivers it, made by someone outside Backstop. */
    private static JsonNode heardDeleted(Team team, String name) throws IOException {
        String account = "000000000000";
        byte[] call = SampleEvents.edited("selfwatch/delete-schedule.json", e -> {
            e.put("account", account).put("region", "us-east-1");
            ObjectNode detail = (ObjectNode) e.path("detail");
            detail.put("eventID", UUID.randomUUID().toString()).put("recipientAccountId", account).put("awsRegion", "us-east-1");
            ((ObjectNode) detail.path("requestParameters")).put("name", name).put("groupName", team.group());
        });
        OwnResources own = new OwnResources(List.of("arn:aws:lambda:local:" + account + ":function:backstop-*",
                "arn:aws:scheduler:us-east-1:" + account + ":schedule/" + team.group() + "/*"));
        Settings settings = new Settings(team.stage().auditTable(), team.stage().topicArn(), Mode.ENFORCE, List.of())
                .withControls(team.settings().controls());
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        new SelfWatchHandler(SelfWatchComponent.create(settings, own, team.clock())).handleRequest(
                new ByteArrayInputStream(call), answer, new TerminalContext(new PrintStream(new ByteArrayOutputStream())));
        return JSON.readTree(answer.toByteArray());
    }

    private static GetScheduleResponse onlySchedule(Team team) {
        String name = scheduler.listSchedules(request -> request.groupName(team.group())).schedules().get(0).name();
        return scheduler.getSchedule(request -> request.groupName(team.group()).name(name));
    }

    @Test
    void aScheduleDeletedBehindBackstopsBackIsPutBackByTheSelfWatchAsMadeAndTheDecisionStillRuns() throws IOException {
        Team team = team("veto-deleted", TEAM);
        byte[] event = stopLogging(team);
        String id = AuditKeys.decision(eventId(event));
        invoke(team.handler(), event);
        GetScheduleResponse made = onlySchedule(team);
        scheduler.deleteSchedule(request -> request.groupName(team.group()).name(made.name()));
        assertThatThrownBy(() -> scheduler.getSchedule(request -> request.groupName(team.group()).name(made.name())))
                .isInstanceOf(ResourceNotFoundException.class);

        JsonNode restored = heardDeleted(team, made.name());

        assertThat(restored.path("outcome").asText()).as(restored.toString()).isEqualTo("REMEDIATED");
        GetScheduleResponse again = scheduler.getSchedule(request -> request.groupName(team.group()).name(made.name()));
        assertThat(again.scheduleExpression()).isEqualTo(made.scheduleExpression());
        assertThat(again.target().arn()).isEqualTo(made.target().arn());
        assertThat(again.target().roleArn()).isEqualTo(ROLE);
        assertThat(again.target().input()).isEqualTo(new String(due(id), StandardCharsets.UTF_8));
        assertThat(again.stateAsString()).isEqualTo("ENABLED");
        assertThat(again.actionAfterCompletionAsString()).isEqualTo("DELETE");
        var record = world.auditItem(team.stage(), restored.path("auditId").asText()).orElseThrow();
        assertThat(record.get("rules").ss()).containsExactly("self-watch-deferral-schedule-removed");
        assertThat(record.get("outcome").s()).isEqualTo("REMEDIATED");

        team.clock().advance(Duration.ofMinutes(16));
        assertThat(invoke(team.handler(), due(id)).path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(world.isLogging(team.stage())).isTrue();
    }

    @Test
    void theVetosOwnDeletionOfTheScheduleIsLeftAloneByTheSelfWatch() throws IOException {
        Team team = team("veto-then-deleted", TEAM);
        byte[] event = stopLogging(team);
        String id = AuditKeys.decision(eventId(event));
        invoke(team.handler(), event);
        String name = onlySchedule(team).name();
        Map<String, String> env = vetoEnvironment(team);
        assertThat(veto(env, team, id, "--yes")[0]).isEqualTo("0");

        // The veto's own DeleteSchedule, made with the operator's credentials, reaches the self-watch too.
        JsonNode leftAlone = heardDeleted(team, name);

        assertThat(leftAlone.path("outcome").asText()).as(leftAlone.toString()).isEqualTo("ALREADY_COMPLIANT");
        assertThat(scheduler.listSchedules(request -> request.groupName(team.group())).schedules()).isEmpty();
        assertThat(world.auditItem(team.stage(), "deferred#" + id).map(item -> item.get("state").s())).contains("vetoed");
    }
}
