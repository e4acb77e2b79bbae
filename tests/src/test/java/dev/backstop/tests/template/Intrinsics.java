package dev.backstop.tests.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/** Reads CloudFormation's intrinsic functions as written, the way the template checks compare lists. */
final class Intrinsics {

    /** A variable of a Fn::Sub string, pseudo parameters (AWS::...) left out. */
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9]+)(?:\\.[A-Za-z]+)?}");

    private Intrinsics() {
    }

    /**
     * The logical id an expression names: {@code !Ref X} or {@code !GetAtt X.Arn} is "X", and
     * {@code !If [C, that, !Ref AWS::NoValue]} is "X if C"; anything else is its JSON.
     */
    static String named(JsonNode node) {
        if (node.has("Ref") && node.size() == 1) {
            return node.path("Ref").asText();
        }
        if (node.has("Fn::GetAtt")) {
            return node.path("Fn::GetAtt").path(0).asText();
        }
        JsonNode branches = node.path("Fn::If");
        if (branches.size() == 3 && branches.path(2).path("Ref").asText().equals("AWS::NoValue")) {
            return named(branches.path(1)) + " if " + branches.path(0).asText();
        }
        return node.toString();
    }

    /** How a resource with this Condition (or none) is named in a list: "X", or "X if Condition". */
    static String named(String logicalId, JsonNode resource) {
        String condition = resource.path("Condition").asText("");
        return condition.isEmpty() ? logicalId : logicalId + " if " + condition;
    }

    /** The items of a comma-joined list: {@code !Join [",", [...]]}, also inside {@code !Split [",", ...]}. */
    static List<JsonNode> joined(JsonNode node) {
        JsonNode join = node.has("Fn::Split") ? node.path("Fn::Split").path(1) : node;
        if (!join.path("Fn::Join").path(0).asText().equals(",") || !join.path("Fn::Join").path(1).isArray()) {
            throw new AssertionError("expected a comma-joined list (!Join [\",\", [...]]), found " + node);
        }
        return StreamSupport.stream(join.path("Fn::Join").path(1).spliterator(), false).toList();
    }

    /** Every logical name a node refers to: Ref targets, GetAtt ids and the variables of Fn::Sub strings. */
    static Set<String> referencedNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        collect(node, names);
        return names;
    }

    private static void collect(JsonNode node, Set<String> names) {
        if (node.path("Ref").isTextual()) {
            names.add(node.path("Ref").asText().split("\\.")[0]);
        }
        if (node.path("Fn::GetAtt").path(0).isTextual()) {
            names.add(node.path("Fn::GetAtt").path(0).asText());
        }
        JsonNode sub = node.path("Fn::Sub");
        names.addAll(subVariables(sub.isArray() ? sub.path(0).asText() : sub.asText("")));
        node.forEach(child -> collect(child, names));
    }

    /** The variables a Fn::Sub string names: {@code ${Name}} and {@code ${Name.Attribute}}, not {@code ${AWS::...}}. */
    static Set<String> subVariables(String text) {
        Set<String> names = new TreeSet<>();
        Matcher variable = SUB_VARIABLE.matcher(text);
        while (variable.find()) {
            names.add(variable.group(1));
        }
        return names;
    }

    /** A statement's actions, one or a list. */
    static List<String> actions(JsonNode statement) {
        JsonNode action = statement.path("Action");
        return action.isArray() ? StreamSupport.stream(action.spliterator(), false).map(JsonNode::asText).toList()
                : List.of(action.asText());
    }
}
