package dev.backstop.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An audit record as a DynamoDB item and back: scalar attributes people can query, the actions
 * as JSON ({@link AuditJson}), and string sets of the rules and resources involved.
 */
final class AuditItems {

    private final ObjectMapper mapper;

    private final AlarmItems alarms;

    AuditItems(ObjectMapper mapper) {
        this.mapper = mapper;
        this.alarms = new AlarmItems(mapper);
    }

    Map<String, AttributeValue> toItem(AuditRecord record, String status) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(AuditTable.KEY, AttributeValue.fromS(record.auditId()));
        item.put("status", AttributeValue.fromS(status));
        item.put("decidedAt", AttributeValue.fromS(record.decidedAt().toString()));
        item.put("outcome", AttributeValue.fromS(record.outcome().name()));
        item.put("reason", AttributeValue.fromS(record.reason()));
        putIfPresent(item, "eventId", record.eventId());
        putIfPresent(item, "eventName", record.eventName());
        putIfPresent(item, "eventSource", record.eventSource());
        putIfPresent(item, "account", record.account());
        putIfPresent(item, "region", record.region());
        putIfPresent(item, "eventTime", record.eventTime() == null ? null : record.eventTime().toString());
        putIfPresent(item, "principal", record.principal());
        putIfPresent(item, "principalType", record.principalType());
        putIfPresent(item, "sourceIp", record.sourceIp());
        if (record.alarm() != null) {
            alarms.put(record.alarm(), item);
        }
        if (!record.actions().isEmpty()) {
            item.put("actions", AttributeValue.fromS(AuditJson.actions(record.actions()).toString()));
            item.put("rules", AttributeValue.fromSs(record.actions().stream().map(ActionResult::rule).distinct().toList()));
            item.put("resources", AttributeValue.fromSs(
                    record.actions().stream().map(ActionResult::resource).distinct().toList()));
        }
        return item;
    }

    AuditRecord fromItem(Map<String, AttributeValue> item) {
        String auditId = text(item, AuditTable.KEY);
        List<ActionResult> actions;
        try {
            actions = item.containsKey("actions")
                    ? AuditJson.readActions(mapper.readTree(text(item, "actions")), "audit record " + auditId
                            + " has unreadable actions") : List.of();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit record " + auditId + " has unreadable actions: "
                    + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return new AuditRecord(auditId, text(item, "eventId"), text(item, "eventName"), text(item, "eventSource"),
                text(item, "account"), text(item, "region"), instant(item, "eventTime"), instant(item, "decidedAt"),
                text(item, "principal"), text(item, "principalType"), text(item, "sourceIp"),
                Outcome.valueOf(text(item, "outcome")), text(item, "reason"), actions, alarms.read(auditId, item));
    }

    static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = text(item, name);
        return value == null ? null : Instant.parse(value);
    }

    static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, AttributeValue.fromS(value));
        }
    }
}
