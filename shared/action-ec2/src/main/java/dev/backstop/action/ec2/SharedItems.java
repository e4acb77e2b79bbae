package dev.backstop.action.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.SharedWith;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an EC2 share call's request added, as CloudTrail records it:
 * {@code requestParameters.<attribute>.add.items[]}, each item a {@code userId}, a
 * {@code group} ({@code all}), an {@code organizationArn} or an {@code organizationalUnitArn}.
 */
final class SharedItems {

    private SharedItems() {
    }

    static Set<String> added(CloudTrailEvent event, String attribute) {
        JsonNode items = event.detail().requestParameters().path(attribute).path("add").path("items");
        List<JsonNode> list = new ArrayList<>();
        if (items.isArray()) {
            items.forEach(list::add);
        } else if (items.isObject()) {
            list.add(items);
        }
        Set<String> added = new LinkedHashSet<>();
        for (JsonNode item : list) {
            text(item, "userId").ifPresent(added::add);
            text(item, "group").map(group -> SharedWith.EVERYONE).ifPresent(added::add);
            text(item, "organizationArn").ifPresent(added::add);
            text(item, "organizationalUnitArn").ifPresent(added::add);
        }
        return added;
    }

    /** The id the request names, such as {@code snapshotId}; a MalformedEventException names it when missing. */
    static String id(CloudTrailEvent event, String field) {
        return text(event.detail().requestParameters(), field).orElseThrow(() -> new MalformedEventException(
                "detail.requestParameters." + field, "is missing; the resource is unknown"));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.asText().isBlank() ? Optional.of(value.asText().trim())
                : Optional.empty();
    }
}
