package dev.backstop.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The default pack's YAML, read at build time: its tree and the line of every field as JSON
 * ({@value #RESOURCE}, written by {@link #main} when the core module is built). A cold start reads
 * that instead of running SnakeYAML over the pack, about 120 ms of CPU less. The form is used only
 * for the very text it was made from (same length and SHA-256), so an edited or team file is always
 * read as YAML; without the resource (a build that skipped the step), everything is read as YAML.
 *
 * <p>The build also puts every rule's pattern through {@link PatternCheck}, Event Ruler's verdict
 * and Backstop's limits, and fails on any problem; the form lists the patterns it passed, and a
 * cold start does not check those again (about 90 ms of CPU at a cold start, most of the checks).
 */
public final class PrebuiltYaml {

    static final String RESOURCE = "default.yaml.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private PrebuiltYaml() {
    }

    /** Writes the form of the YAML file {@code args[0]} to {@code args[1]}; the build runs it. */
    public static void main(String[] args) throws IOException, LocatedYaml.SyntaxException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: PrebuiltYaml SOURCE.yaml TARGET.json");
        }
        String text = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        Files.writeString(Path.of(args[1]), form(text), StandardCharsets.UTF_8);
    }

    /** The form of a file that reads without problems; a file with any is refused, as it would never be used. */
    static String form(String text) throws LocatedYaml.SyntaxException {
        LocatedYaml yaml = LocatedYaml.read(text);
        if (!yaml.problems().isEmpty()) {
            throw new IllegalArgumentException("the default pack has values YAML reads as something else: "
                    + yaml.problems());
        }
        ObjectNode form = JSON.createObjectNode();
        form.put("length", text.length());
        form.put("hash", text.hashCode());
        form.set("root", yaml.root());
        ObjectNode lines = form.putObject("lines");
        yaml.lines().forEach(lines::put);
        ArrayNode checked = form.putArray("checkedPatterns");
        checkedPatterns(yaml.root()).forEach(checked::add);
        try {
            return JSON.writeValueAsString(form);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every rule's pattern as JSON, each one through {@link PatternCheck}; a pattern with a problem fails the build. */
    private static List<String> checkedPatterns(JsonNode root) {
        PatternCheck check = new PatternCheck(RuleLoader.COMPLEXITY_CEILING);
        List<String> checked = new ArrayList<>();
        for (JsonNode rule : root.path("rules")) {
            JsonNode match = rule.path("match");
            if (!match.isObject()) {
                continue;
            }
            String json = match.toString();
            check.problem(json).ifPresent(problem -> {
                throw new IllegalArgumentException("the default pack's rule " + rule.path("id").asText("(no id)")
                        + " has a pattern problem: " + problem);
            });
            checked.add(json);
        }
        return checked;
    }

    /**
     * The prebuilt reading of {@code text}, when it is the shipped pack's text and the form was made
     * from it. The text is compared with the pack's own; the length and hash only catch a stale form.
     */
    static Optional<LocatedYaml> of(String text) {
        if (!text.equals(DefaultPack.text().content())) {
            return Optional.empty();
        }
        return Shipped.FORM.filter(form -> form.get("length").asInt() == text.length()
                && form.get("hash").asInt() == text.hashCode()).map(PrebuiltYaml::reading);
    }

    /** The reading a form's text holds. */
    static LocatedYaml reading(String form) throws IOException {
        return reading(JSON.readTree(form));
    }

    private static LocatedYaml reading(JsonNode form) {
        Map<String, Integer> lines = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = form.get("lines").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> line = it.next();
            lines.put(line.getKey(), line.getValue().asInt());
        }
        Set<String> checked = new HashSet<>();
        form.path("checkedPatterns").forEach(pattern -> checked.add(pattern.asText()));
        return new LocatedYaml(form.get("root"), lines, List.of(), checked);
    }

    /** The shipped form, read once, on the first rule file read. */
    private static final class Shipped {
        static final Optional<JsonNode> FORM = read();

        private static Optional<JsonNode> read() {
            try (InputStream in = PrebuiltYaml.class.getResourceAsStream(RESOURCE)) {
                return in == null ? Optional.empty() : Optional.of(JSON.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the prebuilt default pack " + RESOURCE, e);
            }
        }
    }
}
