package dev.backstop.action.s3;

import static dev.backstop.testing.SampleEvents.detail;
import static dev.backstop.testing.SampleEvents.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import dev.backstop.testing.TestRules;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped S3 rules against the samples in events/s3 and the shapes real events vary in. */
class S3RulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RuleBook SHIPPED = TestRules.defaultPack();

    static Stream<Arguments> cases() {
        return Stream.of(
                // PutBucketPolicy
                of("a policy with a statement for everyone", "put-bucket-policy.json", e -> { },
                        "s3-bucket-policy-public"),
                of("a policy without one", "put-bucket-policy.json", e -> statements(e).remove(2)),
                of("Principal {\"AWS\": [\"*\"]} in a single statement object", "put-bucket-policy.json",
                        e -> policy(e).set("Statement", json("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::"
                                + "123456789012:root\",\"*\"]},\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}")),
                        "s3-bucket-policy-public"),
                of("an Allow with NotPrincipal", "put-bucket-policy.json",
                        e -> {
                            ObjectNode statement = (ObjectNode) statements(e).get(2);
                            statement.remove("Principal");
                            statement.putObject("NotPrincipal").put("AWS", "arn:aws:iam::123456789012:role/Blocked");
                        },
                        "s3-bucket-policy-public"),
                of("a Deny for everyone only", "put-bucket-policy.json", e -> {
                    statements(e).remove(2);
                    statements(e).remove(1);
                }),
                of("the policy sent as a JSON string", "put-bucket-policy.json",
                        e -> request(e).put("bucketPolicy", policy(e).toString()), "s3-bucket-policy-public"),
                of("a failed PutBucketPolicy", "put-bucket-policy.json",
                        e -> detail(e).put("errorCode", "AccessDenied")),
                // DeleteBucketPolicy
                of("a deleted policy", "delete-bucket-policy.json", e -> { }, "s3-bucket-policy-deleted"),
                of("a deleted policy, request parameters null", "delete-bucket-policy.json",
                        e -> detail(e).putNull("requestParameters"), "s3-bucket-policy-deleted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesExactlyTheRulesForTheEvent(String name, String sample, Consumer<ObjectNode> edit, List<String> rules) {
        ObjectNode event = read("s3/" + sample);
        edit.accept(event);

        assertThat(SHIPPED.match(event.toString())).extracting(Rule::id).containsExactlyElementsOf(rules);
    }

    private static Arguments of(String name, String sample, Consumer<ObjectNode> edit, String... rules) {
        return Arguments.of(name, sample, edit, List.of(rules));
    }

    private static ObjectNode request(ObjectNode event) {
        return (ObjectNode) detail(event).get("requestParameters");
    }

    private static ObjectNode policy(ObjectNode event) {
        return (ObjectNode) request(event).get("bucketPolicy");
    }

    private static ArrayNode statements(ObjectNode event) {
        return (ArrayNode) policy(event).get("Statement");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
