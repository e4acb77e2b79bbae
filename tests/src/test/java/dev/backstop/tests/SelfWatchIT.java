package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.TerminalContext;
import dev.backstop.config.Mode;
import dev.backstop.config.OwnResources;
import dev.backstop.config.Settings;
import dev.backstop.handlers.selfwatch.SelfWatchComponent;
import dev.backstop.handlers.selfwatch.SelfWatchHandler;
import dev.backstop.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.RuleState;

/**
 * Someone switches Backstop off through its own resources, on the emulators (EventBridge on
 * LocalStack, Lambda on moto): the real self-watch handler, given the call as CloudTrail records
 * it, puts the resource back and reads it back; `./backstop undo` reverses that and reads it back
 * too. The same call on a resource that is not Backstop's, or made by the deployment principal,
 * is left alone.
 */
class SelfWatchIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "000000000000";
    private static final String DEPLOYER = "arn:aws:iam::" + ACCOUNT + ":role/backstop-deployer";

    private static DemoWorld world;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
    }

    private record Deployment(Stage stage, String stack) {

        OwnResources own() {
            return new OwnResources(List.of("arn:aws:events:us-east-1:" + ACCOUNT + ":rule/" + stack + "-*",
                    "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + stack + "-*"));
        }
    }

    private static Deployment deployment(String name) {
        String prefix = Emulators.uniquePrefix(name);
        return new Deployment(world.build(prefix), prefix);
    }

    private static JsonNode deliver(Deployment deployment, String sample, Consumer<ObjectNode> edit) throws IOException {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        byte[] event = SampleEvents.edited(sample, e -> {
            e.put("id", UUID.randomUUID().toString()).put("account", ACCOUNT).put("time", now);
            ObjectNode detail = (ObjectNode) e.get("detail");
            detail.put("eventID", UUID.randomUUID().toString()).put("eventTime", now).put("recipientAccountId", ACCOUNT);
            edit.accept(e);
        });
        Settings settings = new Settings(deployment.stage().auditTable(), deployment.stage().topicArn(), Mode.ENFORCE,
                List.of(DEPLOYER));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        new SelfWatchHandler(SelfWatchComponent.create(settings, deployment.own(), Clock.systemUTC())).handleRequest(
                new ByteArrayInputStream(event), answer, new TerminalContext(new PrintStream(new ByteArrayOutputStream())));
        return JSON.readTree(answer.toByteArray());
    }

    private static JsonNode disabled(Deployment deployment, String rule, Consumer<ObjectNode> edit) throws IOException {
        SelfCheckDeployment.EVENTS.putRule(request -> request.name(rule).eventPattern("{\"source\":[\"aws.cloudtrail\"]}"));
        SelfCheckDeployment.EVENTS.disableRule(request -> request.name(rule));
        return deliver(deployment, "selfwatch/disable-rule.json", e -> {
            ((ObjectNode) e.path("detail").path("requestParameters")).put("name", rule);
            edit.accept(e);
        });
    }

    private static RuleState state(String rule) {
        return SelfCheckDeployment.EVENTS.describeRule(request -> request.name(rule)).state();
    }

    private static CommandRun undo(Deployment deployment, String auditId) {
        return CommandRun.of("undo", auditId, "--yes", "--table", deployment.stage().auditTable(), "--topic",
                deployment.stage().topicArn());
    }

    @Test
    void aDisabledBackstopRuleIsEnabledAgainReadBackAndUndoable() throws IOException {
        Deployment deployment = deployment("sw-rule");
        String rule = deployment.stack() + "-trails";

        JsonNode decision = disabled(deployment, rule, e -> { });

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REMEDIATED");
        assertThat(state(rule)).isEqualTo(RuleState.ENABLED);
        var record = world.auditItem(deployment.stage(), decision.path("auditId").asText()).orElseThrow();
        assertThat(record.get("rules").ss()).containsExactly("self-watch-rule-disabled");

        CommandRun undone = undo(deployment, decision.path("auditId").asText());

        assertThat(undone.exitCode()).as(undone.out() + undone.err()).isZero();
        assertThat(state(rule)).as("undo disables it again").isEqualTo(RuleState.DISABLED);
    }

    @Test
    void someoneElsesRuleAndTheDeploymentPrincipalsCallAreLeftAlone() throws IOException {
        Deployment deployment = deployment("sw-others");
        String theirs = Emulators.uniquePrefix("not-backstop");
        String ours = deployment.stack() + "-buckets";

        JsonNode other = disabled(deployment, theirs, e -> { });
        JsonNode deployed = disabled(deployment, ours, e -> {
            ObjectNode caller = (ObjectNode) e.path("detail").path("userIdentity");
            caller.put("arn", "arn:aws:sts::" + ACCOUNT + ":assumed-role/backstop-deployer/ci");
            ((ObjectNode) caller.path("sessionContext").path("sessionIssuer")).put("arn", DEPLOYER);
        });

        assertThat(other.path("outcome").asText()).isEqualTo("NO_MATCH");
        assertThat(state(theirs)).isEqualTo(RuleState.DISABLED);
        assertThat(deployed.path("outcome").asText()).isEqualTo("IGNORED");
        assertThat(state(ours)).isEqualTo(RuleState.DISABLED);
    }

    @Test
    void aBackstopFunctionHeldAtZeroConcurrencyIsFreedReadBackAndUndoable() throws IOException {
        Deployment deployment = deployment("sw-fn");
        MotoFunctions functions = new MotoFunctions(software.amazon.awssdk.regions.Region.US_EAST_1);
        String function = deployment.stack() + "-s3";
        functions.create(function);
        functions.client().putFunctionConcurrency(request -> request.functionName(function).reservedConcurrentExecutions(0));

        JsonNode decision = deliver(deployment, "selfwatch/put-function-concurrency-zero.json", e ->
                ((ObjectNode) e.path("detail").path("requestParameters")).put("functionName", function));

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REMEDIATED");
        assertThat(functions.client().getFunctionConcurrency(request -> request.functionName(function))
                .reservedConcurrentExecutions()).isNull();

        CommandRun undone = undo(deployment, decision.path("auditId").asText());

        assertThat(undone.exitCode()).as(undone.out() + undone.err()).isZero();
        assertThat(functions.client().getFunctionConcurrency(request -> request.functionName(function))
                .reservedConcurrentExecutions()).isZero();
    }
}
