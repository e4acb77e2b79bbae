package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.TerminalContext;
import dev.backstop.config.Mode;
import dev.backstop.config.RulesLocation;
import dev.backstop.config.Settings;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.handlers.cloudtrail.CloudTrailHandler;
import dev.backstop.testing.MutableClock;
import dev.backstop.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** A team's rule file in S3: loaded, re-read after its TTL, and a bad replacement refused. */
class RemoteRulesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TTL = Duration.ofMinutes(5);

    private static DemoWorld world;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
    }

    private static String teamFile(String mode) {
        return """
                version: 1
                rules: []
                overrides:
                  cloudtrail-logging-stopped:
                    mode: %s
                """.formatted(mode);
    }

    @Test
    void aBadReplacementNeverReplacesTheLastGoodRules() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("remote"));
        String bucket = stage.trailName() + "-rules";
        S3Client s3 = world.s3();
        s3.createBucket(request -> request.bucket(bucket));
        put(s3, bucket, teamFile("dry-run"));
        MutableClock clock = new MutableClock();
        Settings settings = new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of(),
                Optional.of(RulesLocation.parse("s3://" + bucket + "/team.yaml")), TTL);
        CloudTrailHandler handler = new CloudTrailHandler(BackstopComponent.factory().create(settings, clock));

        assertThat(deliver(handler, stage)).as("the team file sets dry-run").isEqualTo("WOULD_REMEDIATE");

        put(s3, bucket, "version: 1\nrules: []\nsurprise: true\n");
        clock.advance(TTL);
        assertThat(deliver(handler, stage)).as("a bad file keeps the last good rules").isEqualTo("WOULD_REMEDIATE");

        put(s3, bucket, teamFile("notify"));
        assertThat(deliver(handler, stage)).as("no re-read before the TTL").isEqualTo("WOULD_REMEDIATE");
        clock.advance(TTL);
        assertThat(deliver(handler, stage)).as("a good file is taken up after the TTL").isEqualTo("NOTIFIED");
    }

    private static void put(S3Client s3, String bucket, String content) {
        s3.putObject(request -> request.bucket(bucket).key("team.yaml"), RequestBody.fromString(content));
    }

    private static String deliver(CloudTrailHandler handler, Stage stage) throws IOException {
        world.stopLogging(stage);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(world.stopLoggingEvent(SampleEvents.path(
                "cloudtrail/stop-logging.json"), stage)), answer, new TerminalContext(new PrintStream(
                new ByteArrayOutputStream())));
        JsonNode decision = JSON.readTree(answer.toByteArray());
        return decision.path("outcome").asText();
    }
}
