package dev.backstop.tests.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * What the template checks read from template.yaml (or member-account.yaml), its Fn::ForEach
 * loops expanded ({@link ForEachLoops}): the Lambda functions, the EventBridge rules that invoke
 * them, whether SAM generates them from a function's events or the template declares them as
 * AWS::Events::Rule resources, and any resource by type or logical id.
 */
final class SamTemplate {

    /** A function as SAM deploys it: Handler and Runtime may come from Globals.Function. */
    record LambdaFunction(String logicalId, String handler, String runtime, String buildMethod) {
    }

    /**
     * A rule by its logical id (SAM names a function's rule {@code <FunctionId><EventName>}), the
     * logical id of the resource it invokes, its event bus and its event pattern as JSON.
     */
    record EventRule(String name, String target, String eventBus, String pattern) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAM_FUNCTION = "AWS::Serverless::Function";
    private static final Set<String> FUNCTIONS = Set.of(SAM_FUNCTION, "AWS::Lambda::Function");
    /** SAM's two names for the same event source: a rule on a bus, matching an event pattern. */
    private static final Set<String> PATTERN_EVENTS = Set.of("EventBridgeRule", "CloudWatchEvent");

    private final JsonNode raw;
    private final JsonNode template;

    private SamTemplate(JsonNode raw) {
        this.raw = raw;
        this.template = ForEachLoops.expand(raw);
    }

    static SamTemplate load() {
        return load("template.yaml");
    }

    /** A template by its path from the root of the checkout. */
    static SamTemplate load(String file) {
        try {
            return new SamTemplate(JSON.valueToTree(CloudFormationYaml.load(Checkout.file(file))));
        } catch (IOException e) {
            throw new UncheckedIOException(file, e);
        }
    }

    /** The template as deployed: loops expanded. */
    JsonNode json() {
        return template;
    }

    /** The body of a loop of Resources as written, with its collection: {@code [identifier, [items], {body}]}. */
    JsonNode loop(String name) {
        JsonNode loop = raw.path("Resources").path(ForEachLoops.PREFIX + name);
        if (loop.isMissingNode()) {
            throw new AssertionError("template has no Resources loop " + ForEachLoops.PREFIX + name);
        }
        return loop;
    }

    JsonNode resource(String logicalId) {
        return template.path("Resources").path(logicalId);
    }

    /** The resources of a type, by logical id, in template order. */
    Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        resources(type::equals).forEach(resource -> found.put(resource.getKey(), resource.getValue()));
        return found;
    }

    List<LambdaFunction> functions() {
        return resources(FUNCTIONS::contains)
                .map(function -> new LambdaFunction(function.getKey(),
                        text(property(function.getValue(), "Handler")),
                        text(property(function.getValue(), "Runtime")),
                        text(function.getValue().path("Metadata").path("BuildMethod"))))
                .toList();
    }

    List<EventRule> eventRules() {
        Stream<EventRule> fromFunctions = resources(SAM_FUNCTION::equals).flatMap(function ->
                function.getValue().path("Properties").path("Events").properties().stream()
                        .filter(event -> PATTERN_EVENTS.contains(event.getValue().path("Type").asText()))
                        .map(event -> {
                            JsonNode rule = event.getValue().path("Properties");
                            return new EventRule(function.getKey() + event.getKey(), function.getKey(),
                                    bus(rule), rule.path("Pattern").toString());
                        }));
        Stream<EventRule> declared = resources("AWS::Events::Rule"::equals)
                .filter(rule -> rule.getValue().path("Properties").has("EventPattern"))
                .flatMap(rule -> {
                    JsonNode properties = rule.getValue().path("Properties");
                    return StreamSupport.stream(properties.path("Targets").spliterator(), false)
                            .map(target -> new EventRule(rule.getKey(), targetOf(target.path("Arn")),
                                    bus(properties), properties.path("EventPattern").toString()));
                });
        return Stream.concat(fromFunctions, declared).toList();
    }

    /** The roles that attach a managed policy of the template, directly or under {@code !If}: "Role" or "Role if Condition". */
    List<String> rolesAttaching(String policy) {
        return resourcesOfType("AWS::IAM::Role").entrySet().stream()
                .filter(role -> StreamSupport.stream(
                                role.getValue().path("Properties").path("ManagedPolicyArns").spliterator(), false)
                        .anyMatch(arn -> Intrinsics.named(arn).split(" if ")[0].equals(policy)))
                .map(role -> Intrinsics.named(role.getKey(), role.getValue()))
                .toList();
    }

    private Stream<Map.Entry<String, JsonNode>> resources(Predicate<String> type) {
        return template.path("Resources").properties().stream()
                .filter(resource -> type.test(resource.getValue().path("Type").asText()));
    }

    private JsonNode property(JsonNode function, String name) {
        JsonNode own = function.path("Properties").path(name);
        boolean global = own.isMissingNode() && function.path("Type").asText().equals(SAM_FUNCTION);
        return global ? template.path("Globals").path("Function").path(name) : own;
    }

    private static String bus(JsonNode rule) {
        return rule.has("EventBusName") ? text(rule.path("EventBusName")) : "default";
    }

    /** The resource a target's Arn names: {@code !GetAtt Function.Arn} or {@code !Ref Function.Alias}. */
    private static String targetOf(JsonNode arn) {
        if (arn.has("Fn::GetAtt")) {
            return arn.path("Fn::GetAtt").path(0).asText();
        }
        return arn.has("Ref") ? arn.path("Ref").asText().split("\\.")[0] : text(arn);
    }

    /** A value as the template wrote it: a string as is, an intrinsic function as JSON, nothing as "". */
    private static String text(JsonNode node) {
        return node.isMissingNode() ? "" : node.isTextual() ? node.asText() : node.toString();
    }
}
