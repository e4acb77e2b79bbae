package dev.backstop.cli.guardrails;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Deny statement of a guardrail: these actions on these resources, unless the caller is one of
 * {@code except} (matched on {@code aws:PrincipalArn}, which names a role session by its role), and
 * only where {@code conditions} hold as well.
 *
 * @param conditions extra condition blocks, operator to key to values
 */
record Statement(String sid, List<String> actions, List<String> resources, List<String> except,
        Map<String, Map<String, List<String>>> conditions) {

    Statement {
        Objects.requireNonNull(sid, "sid");
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        except = List.copyOf(except);
        conditions = Map.copyOf(conditions);
        if (actions.isEmpty() || resources.isEmpty()) {
            throw new IllegalArgumentException(sid + ": a statement needs actions and resources");
        }
    }

    static Statement deny(String sid, List<String> actions, List<String> resources, List<String> except) {
        return new Statement(sid, actions, resources, except, Map.of());
    }

    Statement when(String operator, String key, List<String> values) {
        Map<String, Map<String, List<String>>> more = new LinkedHashMap<>(conditions);
        more.put(operator, Map.of(key, List.copyOf(values)));
        return new Statement(sid, actions, resources, except, more);
    }

    /** The statement as IAM reads it; {@code principal} true for a resource policy, which names one. */
    ObjectNode json(ObjectMapper mapper, boolean principal) {
        ObjectNode statement = mapper.createObjectNode().put("Sid", sid).put("Effect", "Deny");
        if (principal) {
            statement.putObject("Principal").put("AWS", "*");
        }
        strings(statement, "Action", actions);
        strings(statement, "Resource", resources);
        ObjectNode condition = mapper.createObjectNode();
        if (!except.isEmpty()) {
            strings(condition.putObject("ArnNotLike"), "aws:PrincipalArn", except);
        }
        conditions.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(block -> block.getValue()
                .forEach((key, values) -> strings(condition.putObject(block.getKey()), key, values)));
        if (!condition.isEmpty()) {
            statement.set("Condition", condition);
        }
        return statement;
    }

    private static void strings(ObjectNode node, String name, List<String> values) {
        if (values.size() == 1) {
            node.put(name, values.get(0));
        } else {
            values.forEach(node.putArray(name)::add);
        }
    }
}
