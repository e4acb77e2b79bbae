package dev.backstop.action.ec2;

import static dev.backstop.testing.SampleEvents.detail;
import static dev.backstop.testing.SampleEvents.read;
import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * The shipped snapshot and image sharing rules against the samples in events/ec2. The patterns
 * find a call that added a permission; whom it added is the action's judgement (its tests).
 */
class Ec2SharingRulesTest {

    private static final RuleBook SHIPPED = TestRules.defaultPack();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a snapshot shared with an account", "modify-snapshot-attribute-share.json",
                        (Consumer<ObjectNode>) e -> { }, List.of("ec2-snapshot-shared-outside")),
                Arguments.of("a snapshot made public", "modify-snapshot-attribute-share.json",
                        (Consumer<ObjectNode>) e -> items(e, "createVolumePermission").removeAll().addObject()
                                .put("group", "all"), List.of("ec2-snapshot-shared-outside")),
                Arguments.of("a snapshot's permission removed", "modify-snapshot-attribute-share.json",
                        (Consumer<ObjectNode>) e -> {
                            ObjectNode permission = (ObjectNode) request(e).get("createVolumePermission");
                            permission.set("remove", permission.remove("add"));
                        }, List.of()),
                Arguments.of("a failed share", "modify-snapshot-attribute-share.json",
                        (Consumer<ObjectNode>) e -> detail(e).put("errorCode", "Client.UnauthorizedOperation"), List.of()),
                Arguments.of("an image made public", "modify-image-attribute-public.json",
                        (Consumer<ObjectNode>) e -> { }, List.of("ec2-image-shared-outside")),
                Arguments.of("an image shared with an organization", "modify-image-attribute-public.json",
                        (Consumer<ObjectNode>) e -> items(e, "launchPermission").removeAll().addObject()
                                .put("organizationArn", "arn:aws:organizations::111111111111:organization/o-zzzzzz9999"),
                        List.of("ec2-image-shared-outside")),
                Arguments.of("an image's description changed", "modify-image-attribute-public.json",
                        (Consumer<ObjectNode>) e -> {
                            request(e).remove("launchPermission");
                            request(e).put("attributeType", "description").putObject("description").put("value", "x");
                        }, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesAShareThatAddedAPermission(String name, String sample, Consumer<ObjectNode> edit, List<String> expected) {
        ObjectNode event = read("ec2/" + sample);
        edit.accept(event);

        assertThat(SHIPPED.match(event.toString())).extracting(Rule::id).filteredOn(id -> id.startsWith("ec2-"))
                .as(name).containsExactlyElementsOf(expected);
    }

    private static ObjectNode request(ObjectNode event) {
        return (ObjectNode) detail(event).get("requestParameters");
    }

    private static ArrayNode items(ObjectNode event, String attribute) {
        return (ArrayNode) request(event).get(attribute).get("add").get("items");
    }
}
