package dev.backstop.cli.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.ParamSpec;
import dev.backstop.rules.ParamType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JSON object a line per event: {@code {"source", "eventId", "eventName", "ignored", "protected",
 * "matches": [{"rule", "mode", "exempted", "exemption", "actions": [{"action", "params"}]}], "error"}}.
 */
final class PlanJson {

    private final ObjectMapper mapper;
    private final Map<String, List<ParamSpec>> catalogue;

    PlanJson(ObjectMapper mapper, Map<String, List<ParamSpec>> catalogue) {
        this.mapper = mapper;
        this.catalogue = catalogue;
    }

    String line(EventPlan plan) {
        ObjectNode line = mapper.createObjectNode();
        line.put("source", plan.source());
        line.put("eventId", plan.eventId());
        line.put("eventName", plan.eventName());
        line.put("ignored", plan.ignored());
        line.put("protected", plan.protectedCaller());
        ArrayNode matches = line.putArray("matches");
        for (EventPlan.Match match : plan.matches()) {
            ObjectNode node = matches.addObject();
            node.put("rule", match.rule());
            node.put("mode", match.mode().label());
            node.put("modeReason", match.modeReason());
            node.put("exempted", match.exempted());
            node.put("exemption", match.exemption());
            ArrayNode actions = node.putArray("actions");
            match.actions().forEach(spec -> actions.addObject().put("action", spec.action()).set("params", params(spec)));
        }
        line.put("error", plan.error());
        return line.toString();
    }

    /** Parameters as JSON values; a JSON parameter (such as a policy) as the document, not its text. */
    private ObjectNode params(ActionSpec spec) {
        ObjectNode params = mapper.createObjectNode();
        new TreeMap<>(spec.params()).forEach((name, value) -> params.set(name, isJson(spec.action(), name)
                ? readTree((String) value) : mapper.valueToTree(value)));
        return params;
    }

    private boolean isJson(String action, String param) {
        return catalogue.getOrDefault(action, List.of()).stream()
                .anyMatch(spec -> spec.name().equals(param) && spec.type() == ParamType.JSON);
    }

    private com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return mapper.getNodeFactory().textNode(json);
        }
    }
}
