package dev.backstop.action.rds;

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

/** The shipped RDS snapshot rules against the samples in events/rds. */
class RdsRulesTest {

    private static final RuleBook SHIPPED = TestRules.defaultPack();

    static Stream<Arguments> cases() {
        Consumer<ObjectNode> none = e -> { };
        return Stream.of(
                Arguments.of("a DB snapshot shared", "modify-db-snapshot-attribute-share.json", none,
                        List.of("rds-snapshot-shared-outside")),
                Arguments.of("a cluster snapshot made public", "modify-db-cluster-snapshot-attribute-public.json", none,
                        List.of("rds-cluster-snapshot-shared-outside")),
                Arguments.of("a share taken back", "modify-db-snapshot-attribute-share.json",
                        (Consumer<ObjectNode>) e -> {
                            ObjectNode request = (ObjectNode) detail(e).get("requestParameters");
                            request.set("valuesToRemove", request.remove("valuesToAdd"));
                        }, List.of()),
                Arguments.of("a failed share", "modify-db-cluster-snapshot-attribute-public.json",
                        (Consumer<ObjectNode>) e -> detail(e).put("errorCode", "AccessDenied"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesAShareOfTheRestoreAttribute(String name, String sample, Consumer<ObjectNode> edit, List<String> rules) {
        ObjectNode event = read("rds/" + sample);
        edit.accept(event);

        assertThat(SHIPPED.match(event.toString())).extracting(Rule::id).filteredOn(id -> id.startsWith("rds-"))
                .containsExactlyElementsOf(rules);
    }
}
