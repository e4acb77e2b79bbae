package dev.backstop.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.audit.AuditRecord;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.TerminalContext;
import dev.backstop.config.RulesLocation;
import dev.backstop.config.Settings;
import dev.backstop.runtime.EngineComponent;
import dev.backstop.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A sample from events/ about this test's resources, delivered as EventBridge would deliver the
 * call just made, to a function's real handler class built on the whole catalogue: names in the
 * sample replaced (longest first), fresh ids and times, then an edit. What came back is the
 * decision, its audit record and the component, whose undo an operator would run.
 */
final class SampleDelivery {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A delivered event's decision. */
    record Decision(DemoWorld world, Stage stage, BackstopComponent component, String auditId, String outcome) {

        Map<String, AttributeValue> record() {
            return world.auditItem(stage, auditId).orElseThrow();
        }

        /** The record's entry for the action, with its before, after and undo data. */
        JsonNode action(String name) {
            try {
                for (JsonNode action : JSON.readTree(record().get("actions").s())) {
                    if (action.path("action").asText().equals(name)) {
                        return action;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new AssertionError("no " + name + " in " + record().get("actions").s());
        }

        /** As {@code ./backstop undo} does: plans (refusing what cannot be undone), then undoes. */
        AuditRecord undo() {
            component.undo().plan(auditId);
            return component.undo().undo(auditId, "it-operator");
        }
    }

    private SampleDelivery() {
    }

    /**
     * Delivers the sample to the handler {@code handler} makes of the component (such as
     * {@code Ec2Handler::new}), with {@code names} replaced in its text.
     */
    static Decision deliver(DemoWorld world, Stage stage, Settings settings,
            Function<EngineComponent, RequestStreamHandler> handler, String sample,
            Map<String, String> names, Consumer<ObjectNode> edit) {
        try {
            String text = Files.readString(SampleEvents.path(sample));
            Map<String, String> ordered = new LinkedHashMap<>();
            names.entrySet().stream().sorted((a, b) -> b.getKey().length() - a.getKey().length())
                    .forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
            for (Map.Entry<String, String> name : ordered.entrySet()) {
                text = text.replace(name.getKey(), name.getValue());
            }
            ObjectNode event = (ObjectNode) JSON.readTree(text);
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            event.put("id", UUID.randomUUID().toString()).put("time", now);
            ((ObjectNode) event.get("detail")).put("eventID", UUID.randomUUID().toString()).put("eventTime", now);
            edit.accept(event);
            BackstopComponent component = BackstopComponent.factory().create(settings, Clock.systemUTC());
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            handler.apply(component).handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), answer,
                    new TerminalContext(new PrintStream(new ByteArrayOutputStream())));
            JsonNode decision = JSON.readTree(answer.toByteArray());
            return new Decision(world, stage, component, decision.path("auditId").asText(), decision.path("outcome").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A team rule file in S3 that sets these shipped rules' mode to enforce, as the stage's settings' rule location. */
    static Settings enforcing(DemoWorld world, Stage stage, Settings settings, String... rules) {
        String bucket = stage.trailName() + "-rules-" + UUID.randomUUID().toString().substring(0, 6);
        StringBuilder file = new StringBuilder("version: 1\nrules: []\noverrides:\n");
        for (String rule : rules) {
            file.append("  ").append(rule).append(":\n    mode: enforce\n");
        }
        world.s3().createBucket(request -> request.bucket(bucket));
        world.s3().putObject(request -> request.bucket(bucket).key("team.yaml"),
                RequestBody.fromString(file.toString()));
        return new Settings(settings.auditTable(), settings.topicArn(), settings.mode(), settings.ownPrincipals(),
                Optional.of(RulesLocation.parse("s3://" + bucket + "/team.yaml")),
                Settings.DEFAULT_RULES_TTL).withTrusted(settings.trusted());
    }
}
