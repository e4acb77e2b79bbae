package dev.backstop.action.lambda;

import static dev.backstop.testing.SampleEvents.detail;
import static dev.backstop.testing.SampleEvents.read;
import static org.assertj.core.api.Assertions.assertThat;

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

/** The shipped rules for functions opened to others, against the samples in events/lambda. */
class LambdaAccessRulesTest {

    private static final RuleBook SHIPPED = TestRules.defaultPack();

    static Stream<Arguments> cases() {
        return Stream.of(
                of("a permission for everyone", "add-permission-public.json", e -> { }, "lambda-function-shared-outside"),
                of("a failed AddPermission", "add-permission-public.json", e -> detail(e).put("errorCode", "AccessDenied")),
                of("a URL open to everyone", "create-function-url-config-none.json", e -> { }, "lambda-function-url-public"),
                of("a URL changed to everyone", "create-function-url-config-none.json",
                        e -> detail(e).put("eventName", "UpdateFunctionUrlConfig20211031"), "lambda-function-url-public"),
                of("a URL behind IAM", "create-function-url-config-none.json",
                        e -> request(e).put("authType", "AWS_IAM")),
                of("layers set", "update-function-configuration-outside-layer.json", e -> { },
                        "lambda-layer-outside-account"),
                of("a function created with layers", "update-function-configuration-outside-layer.json",
                        e -> detail(e).put("eventName", "CreateFunction20150331"), "lambda-layer-outside-account"),
                of("a configuration change without layers", "update-function-configuration-outside-layer.json",
                        e -> request(e).remove("layers")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheAccessRulesForTheEvent(String name, String sample, Consumer<ObjectNode> edit, List<String> rules) {
        ObjectNode event = read("lambda/" + sample);
        edit.accept(event);

        assertThat(SHIPPED.match(event.toString())).extracting(Rule::id).filteredOn(id -> id.startsWith("lambda-"))
                .containsExactlyElementsOf(rules);
    }

    private static ObjectNode request(ObjectNode event) {
        return (ObjectNode) detail(event).get("requestParameters");
    }

    private static Arguments of(String name, String sample, Consumer<ObjectNode> edit, String... rules) {
        return Arguments.of(name, sample, edit, List.of(rules));
    }
}
