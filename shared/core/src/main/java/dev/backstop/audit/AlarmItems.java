package dev.backstop.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The alarm part of an audit item: the alarm as scalar attributes people can query
 * ({@code alarmName}, {@code alarmState}, ...), the changes found before it as JSON.
 */
final class AlarmItems {

    private final ObjectMapper mapper;

    AlarmItems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void put(AlarmContext alarm, Map<String, AttributeValue> item) {
        item.put("alarmName", AttributeValue.fromS(alarm.alarmName()));
        item.put("alarmState", AttributeValue.fromS(alarm.state()));
        AuditItems.putIfPresent(item, "alarmArn", alarm.alarmArn());
        AuditItems.putIfPresent(item, "alarmPreviousState", alarm.previousState());
        AuditItems.putIfPresent(item, "alarmReason", alarm.reason());
        AuditItems.putIfPresent(item, "correlation", alarm.correlation());
        if (!alarm.resources().isEmpty()) {
            item.put("alarmResources", AttributeValue.fromSs(alarm.resources().stream().distinct().toList()));
        }
        ArrayNode changes = mapper.createArrayNode();
        for (RecentChange change : alarm.changes()) {
            changes.addObject().put("eventId", change.eventId()).put("eventName", change.eventName())
                    .put("eventSource", change.eventSource()).put("time", change.time().toString())
                    .put("principal", change.principal()).put("resource", change.resource())
                    .put("byOwnPrincipal", change.byOwnPrincipal());
        }
        item.put("changes", AttributeValue.fromS(changes.toString()));
    }

    /** The alarm of an item that has one, else null. */
    AlarmContext read(String auditId, Map<String, AttributeValue> item) {
        if (!item.containsKey("alarmName")) {
            return null;
        }
        List<RecentChange> changes = new ArrayList<>();
        try {
            JsonNode list = mapper.readTree(AuditItems.text(item, "changes") == null ? "[]" : AuditItems.text(item, "changes"));
            for (JsonNode change : list) {
                changes.add(new RecentChange(change.path("eventId").asText(), change.path("eventName").asText(),
                        change.path("eventSource").textValue(), Instant.parse(change.path("time").asText()),
                        change.path("principal").textValue(), change.path("resource").textValue(),
                        change.path("byOwnPrincipal").asBoolean(false)));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit record " + auditId + " has unreadable changes: " + e.getOriginalMessage(), e);
        }
        AttributeValue resources = item.get("alarmResources");
        return new AlarmContext(AuditItems.text(item, "alarmName"), AuditItems.text(item, "alarmArn"),
                AuditItems.text(item, "alarmState"), AuditItems.text(item, "alarmPreviousState"),
                AuditItems.text(item, "alarmReason"), resources == null ? List.of() : resources.ss(), changes,
                AuditItems.text(item, "correlation"));
    }
}
