package dev.backstop.handlers.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.audit.AuditLog;
import dev.backstop.audit.AuditRecord;
import dev.backstop.channels.Deliveries;
import dev.backstop.channels.Delivery;
import dev.backstop.telemetry.Telemetry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Reads the Lambda SNS event of the notification topic and hands each decision to its owners'
 * channels. A message is trusted for its audit id only: the notice is built from the audit record
 * read by that id, so whoever may publish to the topic can at most make a real decision be told
 * again, never put words in Backstop's mouth. Messages without an audit id (the breaker alarms
 * share the topic) are skipped; an id with no record is counted ({@code NotificationWithoutRecord}).
 */
@Singleton
public final class NotificationRelay {

    // Audit ids are event ids (UUIDs), with an undo# or other short prefix: printable, bounded.
    private static final Pattern AUDIT_ID = Pattern.compile("[\\x21-\\x7E]{1,256}");

    private final AuditLog audit;
    private final Deliveries deliveries;
    private final Telemetry telemetry;
    private final ObjectMapper json;

    /** What one message came to. */
    public record Relayed(String messageId, String auditId, String result, List<Delivery> deliveries) {
    }

    @Inject
    NotificationRelay(AuditLog audit, Deliveries deliveries, Telemetry telemetry, ObjectMapper json) {
        this.audit = audit;
        this.deliveries = deliveries;
        this.telemetry = telemetry;
        this.json = json;
    }

    public List<Relayed> relay(byte[] snsEvent) {
        JsonNode event;
        try {
            event = json.readTree(snsEvent);
        } catch (IOException e) {
            telemetry.count("NotificationUnreadable", "the notification function got input that is not JSON",
                    telemetry.fields().put("error", String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
            return List.of();
        }
        List<Relayed> relayed = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            JsonNode sns = record.path("Sns");
            relayed.add(relayOne(sns.path("MessageId").asText("-"), sns.path("Message").asText("")));
        }
        return relayed;
    }

    private Relayed relayOne(String messageId, String message) {
        Optional<String> auditId = auditId(message);
        if (auditId.isEmpty()) {
            telemetry.log("INFO", "not a decision; skipped", telemetry.fields().put("messageId", messageId));
            return new Relayed(messageId, null, "skipped: not a decision", List.of());
        }
        Optional<AuditRecord> record = audit.find(auditId.get());
        if (record.isEmpty()) {
            telemetry.count("NotificationWithoutRecord", "a message names an audit id with no completed record",
                    telemetry.fields().put("messageId", messageId).put("auditId", auditId.get()));
            return new Relayed(messageId, auditId.get(), "skipped: no completed record " + auditId.get(), List.of());
        }
        List<Delivery> done = deliveries.deliver(record.get());
        long failed = done.stream().filter(Delivery::failed).count();
        return new Relayed(messageId, auditId.get(), done.size() + " deliveries, " + failed + " failed", done);
    }

    private Optional<String> auditId(String message) {
        try {
            JsonNode id = json.readTree(message).path("auditId");
            return id.isTextual() && AUDIT_ID.matcher(id.asText()).matches() ? Optional.of(id.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
