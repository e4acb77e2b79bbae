package dev.backstop.tests.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The policy statements that apply to a role of template.yaml: its inline policies, the managed
 * policies of the template it attaches, and the AWS::IAM::Policy resources attached to it. A
 * statement under {@code !If} is taken on its true branch (its condition met).
 */
final class RolePermissions {

    private RolePermissions() {
    }

    static List<JsonNode> statements(SamTemplate template, String role) {
        List<JsonNode> statements = own(template, role);
        JsonNode properties = template.resource(role).path("Properties");
        for (JsonNode arn : properties.path("ManagedPolicyArns")) {
            String policy = Intrinsics.named(arn).split(" if ")[0];
            addAll(statements, template.resource(policy).path("Properties").path("PolicyDocument"));
        }
        for (Map.Entry<String, JsonNode> policy : template.resourcesOfType("AWS::IAM::Policy").entrySet()) {
            for (JsonNode attached : policy.getValue().path("Properties").path("Roles")) {
                if (Intrinsics.named(attached).equals(role)) {
                    addAll(statements, policy.getValue().path("Properties").path("PolicyDocument"));
                }
            }
        }
        return statements;
    }

    /** The role's own statements: its inline policies, what no other role shares. */
    static List<JsonNode> own(SamTemplate template, String role) {
        List<JsonNode> statements = new ArrayList<>();
        template.resource(role).path("Properties").path("Policies")
                .forEach(policy -> addAll(statements, policy.path("PolicyDocument")));
        return statements;
    }

    /** Allowed actions, each with the statement's Sid: "Sid: service:Action". */
    static List<String> allowed(SamTemplate template, String role) {
        return statements(template, role).stream()
                .filter(statement -> statement.path("Effect").asText().equals("Allow"))
                .flatMap(statement -> Intrinsics.actions(statement).stream()
                        .map(action -> statement.path("Sid").asText() + ": " + action))
                .toList();
    }

    private static void addAll(List<JsonNode> statements, JsonNode document) {
        for (JsonNode statement : document.path("Statement")) {
            statements.add(statement.has("Fn::If") ? statement.path("Fn::If").get(1) : statement);
        }
    }
}
