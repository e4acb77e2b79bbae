package dev.backstop.action.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.PolicyGrants;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.AddPermissionRequest;

/**
 * A function's permission two ways: the policy statement Lambda keeps for it, and the
 * {@code AddPermission} request that makes it. Lambda writes a request's {@code principal} as
 * {@code "*"}, {@code {"AWS": ARN}} or {@code {"Service": NAME}}, and its source account, source
 * ARN, organization, function URL auth type and event source token as conditions.
 */
final class Permissions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Permissions() {
    }

    /** The statement an AddPermission request asks for, as far as who it lets in goes. */
    static JsonNode statement(JsonNode request) {
        ObjectNode statement = JSON.createObjectNode().put("Effect", "Allow");
        String principal = request.path("principal").asText("");
        if (principal.equals(PolicyGrants.EVERYONE)) {
            statement.put("Principal", principal);
        } else {
            boolean account = principal.matches("\\d{12}") || principal.startsWith("arn:");
            statement.putObject("Principal").put(account ? "AWS" : "Service", principal);
        }
        ObjectNode condition = statement.putObject("Condition");
        copy(request, "sourceAccount", condition.with("StringEquals"), "AWS:SourceAccount");
        copy(request, "principalOrgID", condition.with("StringEquals"), "aws:PrincipalOrgID");
        copy(request, "sourceArn", condition.with("ArnLike"), "AWS:SourceArn");
        return statement;
    }

    /** The AddPermission that puts this statement back under its id. */
    static AddPermissionRequest addBack(JsonNode statement, String function, String qualifier, String statementId) {
        AddPermissionRequest.Builder request = AddPermissionRequest.builder().functionName(function).qualifier(qualifier)
                .statementId(statementId).action(statement.path("Action").asText()).principal(principal(statement));
        for (Map.Entry<String, JsonNode> operator : statement.path("Condition").properties()) {
            for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
                String value = key.getValue().isArray() ? key.getValue().path(0).asText() : key.getValue().asText();
                switch (key.getKey().toLowerCase(Locale.ROOT)) {
                    case "aws:sourceaccount" -> request.sourceAccount(value);
                    case "aws:sourcearn" -> request.sourceArn(value);
                    case "aws:principalorgid" -> request.principalOrgID(value);
                    case "lambda:functionurlauthtype" -> request.functionUrlAuthType(value);
                    case "lambda:eventsourcetoken" -> request.eventSourceToken(value);
                    default -> {
                        // a condition AddPermission cannot set was not made by it
                    }
                }
            }
        }
        return request.build();
    }

    /** As AddPermission takes it: {@code *}, an account id for an account's root, an ARN, or a service. */
    private static String principal(JsonNode statement) {
        JsonNode principal = statement.path("Principal");
        if (principal.isTextual()) {
            return principal.asText();
        }
        if (principal.has("Service")) {
            return principal.path("Service").asText();
        }
        String aws = principal.path("AWS").asText();
        return aws.matches("arn:[^:]+:iam::\\d{12}:root") ? aws.split(":")[4] : aws;
    }

    private static void copy(JsonNode request, String field, ObjectNode into, String key) {
        JsonNode value = request.path(field);
        if (value.isTextual() && !value.asText().isBlank()) {
            into.put(key, value.asText());
        }
    }
}
