package dev.backstop.cli.demo;

import dev.backstop.cli.audit.ItemJson;
import dev.backstop.config.Mode;
import dev.backstop.config.BreakerLimits;
import dev.backstop.config.Settings;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.handlers.cloudtrail.CloudTrailHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code ./backstop demo}: the closed loop for a stopped trail, end to end on the local emulators. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs Backstop's closed loop, end to end, on the local emulators.",
            "Creates a trail, stops it, delivers the StopLogging event to the CloudTrail handler, and prints the"
                    + " read-back, the audit record and the notification. Exit 0 when the trail logs again.",
            "Runs only against local endpoints (AWS_ENDPOINT_URL on this machine), never a real account; the"
                    + " ./backstop launcher starts the emulators and sets them."})
public final class DemoCommand implements Callable<Integer> {

    private static final Set<String> LOCAL_HOSTS = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    @Option(names = "--event", paramLabel = "FILE", defaultValue = "${env:BACKSTOP_HOME:-.}/events/cloudtrail/stop-logging.json",
            description = "StopLogging sample to replay (default: the repository's events/cloudtrail/stop-logging.json)")
    private Path event;

    @Option(names = "--prefix", defaultValue = "backstop-demo",
            description = "Name prefix of the demo's table, topic, queue, bucket and trail (default: ${DEFAULT-VALUE})")
    private String prefix;

    private static final BreakerLimits DEMO_LIMITS = new BreakerLimits(Integer.MAX_VALUE, Integer.MAX_VALUE,
            Duration.ofMinutes(1), Integer.MAX_VALUE, Duration.ofMinutes(1));

    @Override
    public Integer call() throws IOException {
        requireLocalEndpoint(System.getenv("AWS_ENDPOINT_URL"));
        if (!Files.isRegularFile(event)) {
            throw new DemoFailedException("no sample event at " + event.toAbsolutePath() + " (--event FILE)");
        }
        PrintStream out = System.out;
        DemoWorld world = DemoComponent.create().world();

        out.println("1. On the emulators: an audit table, a topic with a queue subscribed, a logging trail.");
        DemoWorld.Stage stage = world.build(prefix);
        out.println("   trail " + stage.trailArn() + " logging=" + world.isLogging(stage));

        world.stopLogging(stage);
        out.println("2. Someone calls StopLogging on it: logging=" + world.isLogging(stage));

        out.println("3. EventBridge delivers the StopLogging event to Backstop's CloudTrail handler (mode enforce):");
        // The demo remediates the same trail on every run: breakers sized for an account would trip
        // after a few runs and hold the demo's fix back.
        Settings settings = new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of())
                .withBreakerLimits(DEMO_LIMITS);
        CloudTrailHandler handler = new CloudTrailHandler(BackstopComponent.factory().create(settings, Clock.systemUTC()));
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(world.stopLoggingEvent(event, stage)), result,
                new TerminalContext(new PrintStream(out, true)));
        String auditId = AuditItems.auditIdOf(result.toByteArray());

        boolean logging = world.isLogging(stage);
        out.println("4. Read back from CloudTrail: logging=" + logging);

        Map<String, AttributeValue> record = world.auditItem(stage, auditId)
                .orElseThrow(() -> new DemoFailedException("no audit record " + auditId + " in " + stage.auditTable()));
        out.println("5. Audit record in " + stage.auditTable() + ":");
        out.println(ItemJson.pretty(record));

        List<DemoWorld.Notification> notifications = world.notifications(stage, 1, Duration.ofSeconds(10));
        out.println("6. Notification on " + stage.topicArn() + ":");
        notifications.forEach(n -> out.println("   Subject: " + n.subject() + "\n" + n.message()));

        boolean closed = logging && "REMEDIATED".equals(record.get("outcome").s()) && !notifications.isEmpty();
        out.println(closed ? "The loop is closed: the trail logs again, verified, audited and notified."
                : "The loop did NOT close: see the record above.");
        return closed ? 0 : 1;
    }

    private static void requireLocalEndpoint(String endpoint) {
        String host = endpoint == null ? null : URI.create(endpoint).getHost();
        if (host == null || !LOCAL_HOSTS.contains(host)) {
            throw new DemoFailedException("the demo creates and stops a trail, so it runs only against local emulators;"
                    + " AWS_ENDPOINT_URL is " + (endpoint == null ? "not set" : endpoint)
                    + ". Run it as ./backstop demo, which starts them.");
        }
    }
}
