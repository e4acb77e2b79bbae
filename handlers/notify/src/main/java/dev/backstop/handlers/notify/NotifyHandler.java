package dev.backstop.handlers.notify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.channels.ChannelSettings;
import dev.backstop.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Lambda entry point for the notification function, subscribed to the notification topic: each
 * message's decision goes to its owners' channels ({@link NotificationRelay}). Returns and logs
 * one JSON line per message. A channel's failure is noted and counted, never thrown: a retry
 * would repeat the channels that worked.
 */
public final class NotifyHandler implements RequestStreamHandler {

    private final NotificationRelay relay;
    private final ObjectMapper json;

    /** Used by Lambda: builds the graph once per container. */
    public NotifyHandler() {
        this(NotifyComponent.create(Settings.fromEnvironment(System.getenv()),
                ChannelSettings.fromEnvironment(System.getenv()), Clock.systemUTC()));
    }

    public NotifyHandler(NotifyComponent component) {
        this.relay = component.relay();
        this.json = component.json();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        List<Map<String, Object>> lines = relay.relay(input.readAllBytes()).stream()
                .map(relayed -> Map.<String, Object>of("messageId", relayed.messageId(),
                        "auditId", relayed.auditId() == null ? "-" : relayed.auditId(), "result", relayed.result(),
                        "deliveries", relayed.deliveries().stream().map(delivery -> delivery.note()).toList()))
                .toList();
        for (Map<String, Object> line : lines) {
            context.getLogger().log(json.writeValueAsString(line) + "\n");
        }
        output.write(json.writeValueAsString(lines).getBytes(StandardCharsets.UTF_8));
    }
}
