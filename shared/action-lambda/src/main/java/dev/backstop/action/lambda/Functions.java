package dev.backstop.action.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.action.PolicyGrants;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.Layer;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The function a Lambda call names, and what the access actions read of it: its resource policy's
 * statements, its layers, its tags. Lambda answers ResourceNotFoundException both for a function
 * that is gone and for one without a policy; the function is looked up to tell them apart.
 */
final class Functions {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The function a call names: its name or ARN as the call gave it, its qualifier, its unqualified ARN. */
    record Named(String function, String qualifier, String arn) {
    }

    private final LambdaClient lambda;

    @Inject
    Functions(LambdaClient lambda) {
        this.lambda = lambda;
    }

    LambdaClient lambda() {
        return lambda;
    }

    static Named named(CloudTrailEvent event) {
        JsonNode request = event.detail().requestParameters();
        String function = text(request, "functionName").orElseThrow(() -> new MalformedEventException(
                "detail.requestParameters.functionName", "is missing; the function is unknown"));
        try {
            return new Named(function, text(request, "qualifier").orElse(null),
                    FunctionArns.unqualified(function, event.region(), event.account()));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("detail.requestParameters.functionName", e.getMessage());
        }
    }

    /** The account a function's ARN names: the one its grants and layers are judged for. */
    static String account(Named function) {
        return function.arn().split(":")[4];
    }

    /** The function's configuration; empty when it is gone. */
    Optional<GetFunctionConfigurationResponse> configuration(String function) {
        try {
            return Optional.of(lambda.getFunctionConfiguration(request -> request.functionName(function)));
        } catch (ResourceNotFoundException gone) {
            return Optional.empty();
        }
    }

    /** The statements of the function's (or the qualified version's or alias's) policy; none without one. */
    List<JsonNode> statements(Named function) {
        try {
            String policy = lambda.getPolicy(request -> request.functionName(function.function())
                    .qualifier(function.qualifier())).policy();
            return PolicyGrants.statements(JSON.readTree(policy));
        } catch (ResourceNotFoundException noPolicy) {
            return List.of();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Lambda returned a policy of " + function.arn() + " that is no JSON", e);
        }
    }

    static List<String> layers(GetFunctionConfigurationResponse configuration) {
        return configuration.layers().stream().map(Layer::arn).toList();
    }

    Map<String, String> tags(String arn) {
        return lambda.listTags(request -> request.resource(arn)).tags();
    }

    static Optional<JsonNode> json(String text) {
        try {
            return Optional.of(JSON.readTree(text));
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.asText().isBlank() ? Optional.of(value.asText().trim()) : Optional.empty();
    }
}
