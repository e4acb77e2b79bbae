package dev.backstop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.TestRules;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The decision for a rule as a user writes it and an event as CloudTrail sends it, one case per
 * entry of the data files in {@code rules/cases/} (the format is in the README there). Each case
 * goes the product's way: {@link RuleLoader} compiles the rule, {@link RuleBook#match} matches the
 * event with Event Ruler, and {@link Exemptions} decides whether the caller or the resource is
 * exempt.
 */
class RuleCasesTest {

    private static final Instant LOADED = Instant.parse("2026-11-20T09:00:00Z");
    private static final Set<String> CASE_KEYS = Set.of("name", "rule", "event", "loaded", "now", "tags", "resource",
            "expect");
    private static final Set<String> EXPECT_KEYS = Set.of("matched", "exempted", "exemption", "rejected");
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CloudTrailEventParser PARSER = new CloudTrailEventParser();

    @TestFactory
    Stream<DynamicNode> cases() throws IOException {
        Path folder = resource("rules/cases");
        List<DynamicNode> files = new ArrayList<>();
        try (Stream<Path> paths = Files.list(folder)) {
            for (Path file : paths.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                List<DynamicTest> tests = new ArrayList<>();
                for (JsonNode entry : YAML.readTree(file.toFile()).path("cases")) {
                    tests.add(DynamicTest.dynamicTest(entry.path("name").asText("(unnamed case)"), () -> run(entry)));
                }
                assertThat(tests).as("cases in %s", file.getFileName()).isNotEmpty();
                files.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), tests));
            }
        }
        assertThat(files).as("case files in %s", folder).isNotEmpty();
        return files.stream();
    }

    private static void run(JsonNode entry) {
        String name = entry.path("name").asText();
        assertKnownKeys(entry, CASE_KEYS, "case");
        JsonNode expect = entry.path("expect");
        assertKnownKeys(expect, EXPECT_KEYS, "expect");
        Instant loaded = instant(entry.path("loaded")).orElse(LOADED);
        Instant now = instant(entry.path("now")).orElse(loaded);
        RuleText file = new RuleText("case.yaml", ruleFile(entry.path("rule").asText()));
        RuleLoader loader = TestRules.loader(loaded);

        if (expect.has("rejected")) {
            List<String> expected = new ArrayList<>();
            expect.path("rejected").forEach(line -> expected.add(line.asText()));
            assertThat(loader.check(List.of(file))).extracting(RuleError::toString).as("%s: errors", name)
                    .containsExactlyElementsOf(expected);
            return;
        }
        assertThat(expect.has("matched")).as("%s: expect says matched: true or false", name).isTrue();
        RuleBook book = loader.load(List.of(file));
        assertThat(book.size()).as("%s: rules", name).isEqualTo(1);
        String eventJson = event(entry.path("event")).toString();
        List<Rule> matched = book.match(eventJson);
        assertThat(!matched.isEmpty()).as("%s: matched", name).isEqualTo(expect.path("matched").asBoolean());
        if (matched.isEmpty()) {
            assertThat(expect.has("exempted") || expect.has("exemption"))
                    .as("%s: an exemption is expected, but exemptions apply only to matched rules", name).isFalse();
            return;
        }
        Optional<String> exemption = exemption(matched.get(0), entry, eventJson, now);
        assertThat(exemption.isPresent()).as("%s: exempted (%s)", name, exemption.orElse("no exemption"))
                .isEqualTo(expect.path("exempted").asBoolean(false));
        if (exemption.isPresent()) {
            assertThat(exemption.get()).as("%s: exemption", name).isEqualTo(expect.path("exemption").asText());
        }
    }

    /** As the engine decides: the caller first, then the resource its action targets. */
    private static Optional<String> exemption(Rule rule, JsonNode entry, String eventJson, Instant now) {
        CloudTrailEvent event = PARSER.parse(eventJson.getBytes(StandardCharsets.UTF_8));
        Optional<String> caller = rule.unless().forTrigger(event, now);
        if (caller.isPresent()) {
            return caller;
        }
        String resource = entry.has("resource") ? entry.path("resource").asText()
                : event.detail().requestParameters().path("name").asText();
        Map<String, String> tags = new HashMap<>();
        entry.path("tags").fields().forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
        return rule.unless().forResource(resource, () -> tags, now);
    }

    /** The rule as the only entry of a rule file's {@code rules} list. */
    private static String ruleFile(String rule) {
        StringBuilder file = new StringBuilder("version: 1\nrules:\n");
        String prefix = "  - ";
        for (String line : rule.strip().split("\n", -1)) {
            file.append(line.isBlank() ? "" : prefix + line).append('\n');
            prefix = "    ";
        }
        return file.toString();
    }

    /** A whole event inline, or {@code base} (a file under events/) with {@code patch} applied as a JSON merge patch. */
    private static JsonNode event(JsonNode spec) {
        if (!spec.has("base")) {
            return spec;
        }
        assertKnownKeys(spec, Set.of("base", "patch"), "event");
        return mergePatch(SampleEvents.read(spec.path("base").asText()), spec.path("patch"));
    }

    /** RFC 7386: objects merge, null removes, anything else replaces. */
    private static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.isMissingNode() ? target : patch;
        }
        ObjectNode result = target.isObject() ? ((ObjectNode) target).deepCopy() : JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), mergePatch(result.path(field.getKey()), field.getValue()));
            }
        }
        return result;
    }

    private static Optional<Instant> instant(JsonNode node) {
        return node.isMissingNode() ? Optional.empty() : Optional.of(Instant.parse(node.asText()));
    }

    private static void assertKnownKeys(JsonNode node, Set<String> known, String what) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        assertThat(names).as("fields of the %s", what).allMatch(known::contains, "one of " + known);
    }

    /** A folder of test resources, on disk as Maven lays them out. */
    static Path resource(String name) {
        URL url = RuleCasesTest.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
