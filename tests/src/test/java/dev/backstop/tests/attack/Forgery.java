package dev.backstop.tests.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.TerminalContext;
import dev.backstop.config.MemberAccess;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.handlers.cloudtrail.CloudTrailHandler;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What the attack suite's tests share: an attacker's events, made from the samples under
 * {@code events/} about the emulator's account with fresh ids and times and then edited the way
 * the attack needs, and their delivery to a handler through the whole catalogue's graph, as a
 * direct invocation of the function (or a bus rule that admits a custom event) would deliver them.
 */
final class Forgery {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE_ACCOUNT = "123456789012";

    private Forgery() {
    }

    /** The emulator's account, as the stage's trail names it. */
    static String account(Stage stage) {
        return stage.trailArn().split(":")[4];
    }

    static String region(Stage stage) {
        return stage.trailArn().split(":")[3];
    }

    /** Enforce mode, the shipped rules, the stage's table and topic, one account. */
    static Settings enforce(Stage stage) {
        return new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of());
    }

    /** As a deployment runs: its home account named, so any other account is a stranger. */
    static Settings enforceAtHome(Stage stage) {
        return enforce(stage).withMembers(new MemberAccess(Optional.of(account(stage)), Set.of(), Optional.empty(),
                Optional.empty()));
    }

    /**
     * The sample about the stage's account and region, each name in {@code names} replaced, with a
     * fresh event id and the time of now; {@code edit} then makes it the attacker's.
     */
    static ObjectNode event(String sample, Stage stage, Map<String, String> names, Consumer<ObjectNode> edit) {
        return event(sample, account(stage), region(stage), names, edit);
    }

    /** As {@link #event(String, Stage, Map, Consumer)}, about another account (moto's, for its Lambda). */
    static ObjectNode event(String sample, String account, String region, Map<String, String> names,
            Consumer<ObjectNode> edit) {
        try {
            String text = Files.readString(SampleEvents.path(sample)).replace(SAMPLE_ACCOUNT, account);
            for (Map.Entry<String, String> name : names.entrySet()) {
                text = text.replace(name.getKey(), name.getValue());
            }
            ObjectNode event = (ObjectNode) JSON.readTree(text);
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            event.put("id", UUID.randomUUID().toString()).put("time", now).put("region", region);
            detail(event).put("eventID", UUID.randomUUID().toString()).put("eventTime", now).put("awsRegion", region);
            edit.accept(event);
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode detail(ObjectNode event) {
        return (ObjectNode) event.get("detail");
    }

    static ObjectNode request(ObjectNode event) {
        return (ObjectNode) detail(event).get("requestParameters");
    }

    /** The decision the CloudTrail handler answers with (the whole catalogue behind it). */
    static JsonNode deliver(Settings settings, ObjectNode event) {
        return deliver(BackstopComponent.factory().create(settings, Clock.systemUTC()), event);
    }

    static JsonNode deliver(BackstopComponent component, ObjectNode event) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            new CloudTrailHandler(component).handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)),
                    answer, new TerminalContext(new PrintStream(new ByteArrayOutputStream())));
            return JSON.readTree(answer.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A name of this run's own, so tests and reruns never share a resource. */
    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
