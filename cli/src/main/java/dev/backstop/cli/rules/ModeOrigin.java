package dev.backstop.cli.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.backstop.config.Mode;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Where a rule's mode comes from: its own definition, or the last file that overrides it. The
 * rule book keeps no record of an override once applied, so the files (already accepted by the
 * loader) are read again.
 *
 * @param ruleMode the mode the rule's definition gives
 * @param override the override in force, if any
 */
record ModeOrigin(Mode ruleMode, Optional<Override> override) {

    /** An override of the rule's mode, at {@code file:line}. */
    record Override(String file, int line, Mode mode) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static ModeOrigin of(Rule rule, List<RuleText> files) {
        Mode ruleMode = rule.mode();
        Optional<Override> override = Optional.empty();
        for (RuleText file : files) {
            if (file.name().equals(rule.file())) {
                ruleMode = definedMode(file, rule.id()).orElse(ruleMode);
            }
            Optional<Override> here = overrideIn(file, rule.id());
            if (here.isPresent()) {
                override = here;
            }
        }
        return new ModeOrigin(ruleMode, override);
    }

    private static Optional<Mode> definedMode(RuleText file, String id) {
        for (JsonNode rule : read(file).path("rules")) {
            if (id.equals(rule.path("id").asText()) && rule.has("mode")) {
                return Optional.of(word(rule.path("mode")));
            }
        }
        return Optional.empty();
    }

    /** The file's {@code overrides.<id>}, with the line it starts on. */
    private static Optional<Override> overrideIn(RuleText file, String id) {
        try (JsonParser parser = YAML.createParser(file.content())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                if (parser.nextToken() != JsonToken.START_OBJECT || !key.equals("overrides")) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String ruleId = parser.currentName();
                    int line = parser.currentTokenLocation().getLineNr();
                    parser.nextToken();
                    JsonNode value = YAML.readTree(parser);
                    if (ruleId.equals(id) && value.has("mode")) {
                        return Optional.of(new Override(file.name(), line, word(value.path("mode"))));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.name() + " again", e);
        }
    }

    /** A mode as a word, or a stepped mode's default (its cases are said beside it). */
    private static Mode word(JsonNode mode) {
        return Mode.parse(mode.isTextual() ? mode.asText() : mode.path("default").asText());
    }

    private static JsonNode read(RuleText file) {
        try {
            JsonNode root = YAML.readTree(file.content());
            return root == null ? YAML.missingNode() : root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.name() + " again", e);
        }
    }
}
