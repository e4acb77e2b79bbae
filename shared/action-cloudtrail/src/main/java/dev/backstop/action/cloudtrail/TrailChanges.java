package dev.backstop.action.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.event.CloudTrailEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What a configuring call did to a trail, judged from the call alone, for a trail Backstop has no
 * snapshot of: settings it turned off, a KMS key it removed, management events its selectors
 * leave out. Another bucket or key cannot be judged without knowing the one before.
 */
final class TrailChanges {

    private TrailChanges() {
    }

    static List<String> plainlyWeakening(CloudTrailEvent event) {
        List<String> weakened = new ArrayList<>();
        turnedOff(event, "isMultiRegionTrail", "multi-region turned off", weakened);
        turnedOff(event, "includeGlobalServiceEvents", "global service events turned off", weakened);
        turnedOff(event, "enableLogFileValidation", "log file validation turned off", weakened);
        JsonNode kms = event.detail().requestParameters().path("kmsKeyId");
        if ("UpdateTrail".equals(event.detail().eventName()) && kms.isTextual() && kms.asText().isEmpty()) {
            weakened.add("KMS key removed");
        }
        ManagementCoverage selected = requestedSelectors(event).management();
        if (selected.narrowerThan(ManagementCoverage.ALL)) {
            weakened.add("management events narrowed to " + selected.describe());
        }
        return weakened;
    }

    /** The selectors a Put*EventSelectors call sent; the default (all management events) for any other call. */
    static EventSelectors requestedSelectors(CloudTrailEvent event) {
        JsonNode request = event.detail().requestParameters();
        List<EventSelectors.Basic> basic = new ArrayList<>();
        for (JsonNode selector : items(request.path("eventSelectors"))) {
            basic.add(new EventSelectors.Basic(selector.path("readWriteType").asText("All"),
                    !"false".equals(selector.path("includeManagementEvents").asText("true")), List.of(),
                    texts(selector.path("excludeManagementEventSources"))));
        }
        List<EventSelectors.Advanced> advanced = new ArrayList<>();
        for (JsonNode selector : items(request.path("advancedEventSelectors"))) {
            List<EventSelectors.Field> fields = new ArrayList<>();
            for (JsonNode field : items(selector.path("fieldSelectors"))) {
                fields.add(new EventSelectors.Field(field.path("field").asText(""), texts(field.path("equals")),
                        texts(field.path("startsWith")), texts(field.path("endsWith")), texts(field.path("notEquals")),
                        texts(field.path("notStartsWith")), texts(field.path("notEndsWith"))));
            }
            advanced.add(new EventSelectors.Advanced(selector.path("name").asText(null), fields));
        }
        return new EventSelectors(basic, advanced);
    }

    private static void turnedOff(CloudTrailEvent event, String parameter, String words, List<String> weakened) {
        if ("false".equals(TrailEvents.sent(event, parameter))) {
            weakened.add(words);
        }
    }

    /** A list as CloudTrail writes it: an array, or an empty list written as {@code {}}. */
    private static List<JsonNode> items(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        }
        return items;
    }

    private static List<String> texts(JsonNode node) {
        return items(node).stream().map(JsonNode::asText).toList();
    }
}
