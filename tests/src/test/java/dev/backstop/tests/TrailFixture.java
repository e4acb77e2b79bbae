package dev.backstop.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.TerminalContext;
import dev.backstop.handlers.cloudtrail.CloudTrailHandler;
import dev.backstop.runtime.EngineComponent;
import dev.backstop.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Tag;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudtrail.model.TrailNotFoundException;

/**
 * What the trail integration tests share: a CloudTrail client on the emulator (moto), sample
 * events from events/cloudtrail made about a stage's trail, and delivery to the CloudTrail handler.
 */
final class TrailFixture {

    static final ObjectMapper JSON = new ObjectMapper();
    static final CloudTrailClient CLOUDTRAIL = CloudTrailClient.builder().httpClient(UrlConnectionHttpClient.create())
            .build();
    static final String WATCHDOG_SAMPLE = "watchdog/scheduled-event.json";

    private TrailFixture() {
    }

    /**
     * The sample, made about the stage's trail in the emulator's account and region, with fresh
     * ids and times; {@code request} edits its requestParameters.
     */
    static byte[] event(String sample, Stage stage, Consumer<ObjectNode> request) {
        String[] arn = stage.trailArn().split(":");
        ObjectNode event = SampleEvents.read(sample);
        try {
            event = (ObjectNode) JSON.readTree(event.toString().replace(event.path("account").asText(), arn[4]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        event.put("id", UUID.randomUUID().toString()).put("time", now).put("region", arn[3]);
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("eventID", UUID.randomUUID().toString()).put("eventTime", now).put("awsRegion", arn[3]);
        request.accept((ObjectNode) detail.get("requestParameters"));
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String eventId(byte[] event) {
        try {
            return JSON.readTree(event).path("detail").path("eventID").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode deliver(EngineComponent component, byte[] event) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            new CloudTrailHandler(component).handleRequest(new ByteArrayInputStream(event), answer,
                    new TerminalContext(new PrintStream(new ByteArrayOutputStream())));
            return JSON.readTree(answer.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Trail trail(Stage stage) {
        return CLOUDTRAIL.getTrail(request -> request.name(stage.trailName())).trail();
    }

    static boolean exists(Stage stage) {
        try {
            trail(stage);
            return true;
        } catch (TrailNotFoundException gone) {
            return false;
        }
    }

    static Map<String, String> tags(Stage stage) {
        return CLOUDTRAIL.listTags(request -> request.resourceIdList(stage.trailArn())).resourceTagList().stream()
                .flatMap(resource -> resource.tagsList().stream())
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }

    /** The decision's first action, as its audit record holds it. */
    static JsonNode firstAction(DemoWorld world, Stage stage, String auditId) {
        try {
            return JSON.readTree(world.auditItem(stage, auditId).orElseThrow().get("actions").s()).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
