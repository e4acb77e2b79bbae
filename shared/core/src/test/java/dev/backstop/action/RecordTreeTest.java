package dev.backstop.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Records as trees, against what the undo format's mapper (bean introspection) makes of the same records. */
class RecordTreeTest {

    private static final ObjectMapper BEANS = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    record Rule(String protocol, int fromPort, Integer toPort, String description) {
    }

    record Everything(String name, String absent, boolean flag, int count, long minimumDays, double share,
            Instant revokedBefore, List<String> layers, Map<String, String> previous, Map<String, Double> weights,
            JsonNode policy, Rule rule, List<Rule> rules, List<String> withNull) {
    }

    enum Kind { USER, ROLE }

    record Others(Kind kind, Set<String> ids, Map<Kind, String> byKind, float ratio) {
    }

    record Annotated(@JsonProperty("renamed") String name) {
    }

    record WithGetter(String name) {
        public String getDisplay() {
            return "shown " + name;
        }
    }

    @Test
    void writesEveryKindOfComponentItKnowsAsTheMapperDoesWithoutTheMapper() {
        Everything everything = everything();
        AtomicInteger fallbacks = new AtomicInteger();

        JsonNode tree = RecordTree.of(everything, counting(fallbacks));

        assertThat(tree).isEqualTo(BEANS.valueToTree(everything));
        assertThat(tree.toString()).isEqualTo(BEANS.valueToTree(everything).toString()).doesNotContain("absent");
        assertThat(fallbacks).hasValue(0);
    }

    @Test
    void handsTheMapperWhatItDoesNotKnowAndStillWritesTheSame() {
        Others others = new Others(Kind.ROLE, Set.of("a"), Map.of(Kind.USER, "u"), 0.5f);
        AtomicInteger fallbacks = new AtomicInteger();

        assertThat(RecordTree.of(others, counting(fallbacks))).isEqualTo(BEANS.valueToTree(others));
        assertThat(fallbacks).hasValue(4);
    }

    @Test
    void leavesARecordWithAnnotationsOrAPublicGetterToTheMapperWhole() {
        AtomicInteger fallbacks = new AtomicInteger();

        assertThat(RecordTree.of(new Annotated("n"), counting(fallbacks))).isEqualTo(BEANS.valueToTree(new Annotated("n")));
        assertThat(RecordTree.of(new WithGetter("n"), counting(fallbacks)))
                .isEqualTo(BEANS.valueToTree(new WithGetter("n")));
        assertThat(BEANS.valueToTree(new WithGetter("n")).has("display")).isTrue();
        assertThat(fallbacks).hasValue(2);
    }

    private static Function<Object, JsonNode> counting(AtomicInteger fallbacks) {
        return value -> {
            fallbacks.incrementAndGet();
            return BEANS.valueToTree(value);
        };
    }

    private static Everything everything() {
        Map<String, String> previous = new LinkedHashMap<>();
        previous.put("IncludeGlobalServiceEvents", "true");
        previous.put("S3KeyPrefix", "logs/\u00e9t\u00e9");
        JsonNode policy = BEANS.createObjectNode().put("Version", "2012-10-17").set("Statement",
                BEANS.createArrayNode().add(BEANS.createObjectNode().put("Effect", "Deny").putNull("Condition")));
        List<String> withNull = new ArrayList<>(Arrays.asList("first", null));
        return new Everything("arn:aws:cloudtrail:us-east-1:123456789012:trail/org", null, true, 0, 90L, 0.25,
                Instant.parse("2026-11-20T10:30:12.734Z"), List.of("arn:aws:lambda:us-east-1:999999999999:layer:x:3"),
                previous, Map.of("7", 0.25, "8", 0.75), policy, new Rule("tcp", 22, null, null),
                List.of(new Rule("-1", 0, 65535, "all"), new Rule("tcp", 443, 443, "https")), withNull);
    }
}
