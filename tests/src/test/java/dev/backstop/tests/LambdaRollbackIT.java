package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.UndoFormat;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.TerminalContext;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.AlarmMetric;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.handlers.lambda.LambdaHandler;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.Severity;
import dev.backstop.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * lambda.rollback-alias against the emulators' Lambda (moto serves it, without Docker: functions,
 * versions and aliases, never an invocation): a deployment's UpdateFunctionCode, PublishVersion
 * and alias moves delivered to the real Lambda handler build the alias history in the audit
 * table; an alarm on the function rolls the alias back, read back from Lambda; an operator's
 * {@code ./backstop undo} moves it forward again.
 */
class LambdaRollbackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACTION = "lambda.rollback-alias";
    private static final ActionSpec SPEC = new ActionSpec(ACTION, Map.of());

    private static DemoWorld world;
    private static LambdaClient lambda;
    private static Region region;
    private static MotoFunctions functions;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        region = new DefaultAwsRegionProviderChain().getRegion();
        functions = new MotoFunctions(region);
        lambda = functions.client();
    }

    // ---- events: the samples, about the real function, as EventBridge would deliver them ----

    private static byte[] event(String sample, String function, String account, Instant at,
            Consumer<ObjectNode> edit) throws IOException {
        String text = Files.readString(SampleEvents.path("lambda/" + sample)).replace("123456789012", account)
                .replace("checkout-api", function).replace("us-east-1", region.id());
        ObjectNode event = (ObjectNode) JSON.readTree(text);
        event.put("id", UUID.randomUUID().toString()).put("time", at.toString());
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("eventID", UUID.randomUUID().toString()).put("eventTime", at.toString());
        edit.accept(detail);
        return JSON.writeValueAsBytes(event);
    }

    /** A CreateAlias or UpdateAlias sample moving {@code live} to the version. */
    private static byte[] aliasMoved(String sample, String function, String account, String version, Instant at)
            throws IOException {
        return event(sample, function, account, at, detail -> {
            ((ObjectNode) detail.get("requestParameters")).put("functionVersion", version);
            ((ObjectNode) detail.get("responseElements")).put("functionVersion", version);
        });
    }

    private static byte[] published(String function, String account, String version, Instant at) throws IOException {
        return event("publish-version.json", function, account, at, detail -> ((ObjectNode) detail.get("responseElements"))
                .put("version", version).put("functionArn", "arn:aws:lambda:" + region.id() + ":" + account + ":function:"
                        + function + ":" + version));
    }

    private static Settings settings(Stage stage) {
        return new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of());
    }

    private static JsonNode deliver(Stage stage, byte[] event) throws IOException {
        LambdaHandler handler = new LambdaHandler(BackstopComponent.factory().create(settings(stage), Clock.systemUTC()));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), answer,
                new TerminalContext(new PrintStream(new ByteArrayOutputStream())));
        return JSON.readTree(answer.toByteArray());
    }

    private static AlarmEvent alarm(String function, String account) {
        String arn = "arn:aws:cloudwatch:" + region.id() + ":" + account + ":alarm:" + function + " errors";
        Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new AlarmEvent(arn + "#" + time, function + " errors", arn, account, region.id(), "ALARM", "OK",
                "Threshold Crossed: 1 datapoint [12.0] was greater than the threshold (5.0).", null, time,
                List.of(new AlarmMetric(null, "AWS/Lambda", "Errors", Map.of("FunctionName", function), "Sum", 60, null)),
                null, 5.0, "GreaterThanThreshold", JsonNodeFactory.instance.objectNode());
    }

    /** The audit record the engine writes for a remediated alarm, so an operator's undo can find it. */
    private static void audit(BackstopComponent component, AlarmEvent alarm, ActionPlan plan, ResourceState after) {
        ActionResult result = new ActionResult("lambda-errors-roll-back", Severity.HIGH, ACTION, Mode.ENFORCE,
                plan.resource(), Outcome.REMEDIATED, plan.before().facts(), after.facts(), UndoFormat.write(plan.undo()),
                plan.change() + ", verified by read-back");
        component.audit().record(new AuditRecord("decision#" + alarm.id(), alarm.id(), "CloudWatch Alarm State Change",
                "aws.cloudwatch", alarm.account(), alarm.region(), alarm.time(), Instant.now(), alarm.alarmArn(),
                "Alarm", null, Outcome.REMEDIATED, "matched lambda-errors-roll-back", List.of(result)));
    }

    // ---- the cases ----

    @Test
    void anAlarmRollsTheAliasBackToTheVersionTheHistoryRecordedAndAnUndoMovesItForward() throws IOException {
        String prefix = Emulators.uniquePrefix("lambda-roll");
        Stage stage = world.build(prefix);
        String function = prefix + "-api";
        String account = functions.create(function).split(":")[4];
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        // Each event delivered right after its call, as EventBridge does: the history reads Lambda back.
        String v1 = functions.publish(function);
        deliver(stage, published(function, account, v1, start));
        lambda.createAlias(request -> request.functionName(function).name("live").functionVersion(v1));
        deliver(stage, aliasMoved("create-alias.json", function, account, v1, start.plusSeconds(10)));
        lambda.updateFunctionCode(request -> request.functionName(function).zipFile(MotoFunctions.code("release 2")));
        deliver(stage, event("update-function-code.json", function, account, start.plusSeconds(60), detail -> { }));
        String v2 = functions.publish(function);
        deliver(stage, published(function, account, v2, start.plusSeconds(70)));
        // A third version published but never live: the history, not the version list, says where to go.
        lambda.updateFunctionCode(request -> request.functionName(function).zipFile(MotoFunctions.code("release 3")));
        String v3 = functions.publish(function);
        deliver(stage, published(function, account, v3, start.plusSeconds(120)));
        lambda.updateAlias(request -> request.functionName(function).name("live").functionVersion(v3));
        deliver(stage, aliasMoved("update-alias.json", function, account, v3, start.plusSeconds(130)));
        String aliasArn = lambda.getAlias(request -> request.functionName(function).name("live")).aliasArn();
        Map<String, AttributeValue> latest = world.auditItem(stage, "alias#" + aliasArn).orElseThrow();
        assertThat(latest.get("version").s()).isEqualTo(v3);
        assertThat(latest.get("previousVersion").s()).isEqualTo(v1);

        BackstopComponent component = BackstopComponent.factory().create(settings(stage), Clock.systemUTC());
        RemediationAction action = component.actions().get(ACTION).get();
        AlarmEvent alarm = alarm(function, account);
        assertThat(action.appliesTo(alarm, SPEC)).isTrue();
        ActionPlan plan = action.plan(alarm, SPEC);
        action.apply(plan);
        ResourceState after = action.readBack(plan);

        assertThat(plan.resource()).isEqualTo(aliasArn);
        assertThat(plan.change()).contains("from version " + v3 + " to " + v1 + ": the version it pointed to before");
        assertThat(functions.aliasVersion(function)).isEqualTo(v1);
        assertThat(after.compliant()).isTrue();
        assertThat(after.facts()).containsEntry("functionVersion", v1);
        assertThat(action.plan(alarm(function, account), SPEC).changeNeeded())
                .as("a second alarm finds the alias rolled back by Backstop").isFalse();

        audit(component, alarm, plan, after);
        CommandRun undo = CommandRun.of("undo", "decision#" + alarm.id(), "--yes", "--table", stage.auditTable(), "--topic",
                stage.topicArn());

        assertThat(undo.exitCode()).as(undo.err()).isZero();
        assertThat(undo.out()).contains("UNDONE " + ACTION + " on " + aliasArn);
        assertThat(functions.aliasVersion(function)).isEqualTo(v3);
        assertThat(world.auditItem(stage, "undo#decision#" + alarm.id()).orElseThrow().get("outcome").s()).isEqualTo("UNDONE");
    }

    @Test
    void withoutAHistoryTheAliasGoesToTheHighestPublishedVersionBelowIt() {
        String prefix = Emulators.uniquePrefix("lambda-versions");
        Stage stage = world.build(prefix);
        String function = prefix + "-api";
        String account = functions.create(function).split(":")[4];
        String v1 = functions.publish(function);
        lambda.updateFunctionCode(request -> request.functionName(function).zipFile(MotoFunctions.code("release 2")));
        String v2 = functions.publish(function);
        lambda.createAlias(request -> request.functionName(function).name("live").functionVersion(v2));
        RemediationAction action = BackstopComponent.factory().create(settings(stage), Clock.systemUTC()).actions()
                .get(ACTION).get();

        ActionPlan plan = action.plan(alarm(function, account), SPEC);
        action.apply(plan);

        assertThat(plan.change()).contains("the highest published version below " + v2);
        assertThat(functions.aliasVersion(function)).isEqualTo(v1);
        assertThat(action.readBack(plan).compliant()).isTrue();

        assertThat(action.undo(UndoFormat.write(plan.undo())).facts()).isEqualTo(plan.before().facts());
        assertThat(functions.aliasVersion(function)).isEqualTo(v2);
    }

    @Test
    void anAliasOnTheFirstVersionIsRefusedAndAMissingOneIsGone() {
        String prefix = Emulators.uniquePrefix("lambda-first");
        Stage stage = world.build(prefix);
        String function = prefix + "-api";
        String account = functions.create(function).split(":")[4];
        String v1 = functions.publish(function);
        lambda.createAlias(request -> request.functionName(function).name("live").functionVersion(v1));
        RemediationAction action = BackstopComponent.factory().create(settings(stage), Clock.systemUTC()).actions()
                .get(ACTION).get();

        assertThatThrownBy(() -> action.plan(alarm(function, account), SPEC))
                .isInstanceOf(ActionRefusedException.class).hasMessageStartingWith("no version to roll back to");
        assertThat(action.plan(alarm(prefix + "-no-such-function", account), SPEC).before().exists()).isFalse();
        assertThat(functions.aliasVersion(function)).isEqualTo(v1);
    }
}
