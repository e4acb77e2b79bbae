package dev.backstop.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document read into a JSON tree that remembers the line of every field, so errors can
 * say where they are. Duplicate keys are an error, not a silent overwrite, and only {@code true}
 * and {@code false} are booleans ({@code off}, {@code no} and {@code on} stay words).
 */
final class LocatedYaml {

    /** A syntax error, at a line. */
    static final class SyntaxException extends Exception {
        private final int line;

        SyntaxException(int line, String message) {
            super(message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    // Plain scalars as YAML 1.2 reads them: "mode: off" is the word off, not YAML 1.1's false (nor
    // are yes, no and on booleans), and a key with no value has none rather than an empty string.
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode root;
    private final Map<String, Integer> lines;

    private LocatedYaml(JsonNode root, Map<String, Integer> lines) {
        this.root = root;
        this.lines = lines;
    }

    static LocatedYaml read(String text) throws SyntaxException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = YAML.createParser(text)) {
            if (parser.nextToken() == null) {
                return new LocatedYaml(NODES.missingNode(), lines);
            }
            return new LocatedYaml(value(parser, "", lines), lines);
        } catch (SyntaxException e) {
            throw e;
        } catch (IOException e) {
            if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                throw syntaxError(marked);
            }
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException processing
                    && processing.getLocation() != null ? processing.getLocation().getLineNr() : 1;
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException processing
                    ? processing.getOriginalMessage() : e.getMessage();
            throw new SyntaxException(Math.max(line, 1), "not valid YAML: " + message.lines().findFirst().orElse(""));
        }
    }

    /**
     * SnakeYAML's problem at its own line, with the construct it was reading. Jackson's location is
     * that of the last token it read, often a line or more before the problem, and the first line
     * of its message is only the context ("while scanning a quoted scalar").
     */
    private static SyntaxException syntaxError(MarkedYAMLException marked) {
        String context = marked.getContext() == null || marked.getContextMark() == null ? ""
                : " (" + marked.getContext() + " that starts on line " + (marked.getContextMark().getLine() + 1) + ")";
        return new SyntaxException(marked.getProblemMark().getLine() + 1,
                "not valid YAML: " + marked.getProblem() + context);
    }

    JsonNode root() {
        return root;
    }

    /** The line of the field at a JSON pointer, or of its nearest parent that has one. */
    int lineOf(String pointer) {
        for (String at = pointer; ; at = at.substring(0, at.lastIndexOf('/'))) {
            Integer line = lines.get(at);
            if (line != null) {
                return line;
            }
            if (at.isEmpty()) {
                return 1;
            }
        }
    }

    private static JsonNode value(JsonParser parser, String pointer, Map<String, Integer> lines)
            throws IOException, SyntaxException {
        lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() != JsonToken.END_OBJECT) {
                    String name = parser.currentName();
                    int line = parser.currentTokenLocation().getLineNr();
                    if (object.has(name)) {
                        throw new SyntaxException(line, "duplicate key \"" + name + "\"");
                    }
                    String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                    lines.put(child, line);
                    parser.nextToken();
                    object.set(name, value(parser, child, lines));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser, pointer + "/" + array.size(), lines));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                // YAML 1.2 booleans only: `mode: off` means the mode "off", not false.
                String text = parser.getText();
                return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")
                        ? NODES.booleanNode(token == JsonToken.VALUE_TRUE)
                        : NODES.textNode(text);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new SyntaxException(parser.currentTokenLocation().getLineNr(), "unexpected " + token);
        }
    }
}
