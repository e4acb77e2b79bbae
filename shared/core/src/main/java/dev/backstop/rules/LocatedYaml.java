package dev.backstop.rules;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.backstop.text.Shown;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A YAML document read into a JSON tree that remembers the line of every field, so errors can
 * say where they are. Duplicate keys are an error, not a silent overwrite, and only {@code true}
 * and {@code false} are booleans ({@code off}, {@code no} and {@code on} stay words).
 *
 * <p>What YAML would read as something other than it looks is refused, each with its line: an
 * alias ({@code *bg}, which Jackson would read as the word {@code bg}, losing an exemption without a
 * word, and which a billion-laughs file is made of), a tag, a second document, and a number not
 * written in plain decimal ({@code 0443} is the octal 291). So are values beyond the limits below,
 * checked before the parser runs where they can be: a long line costs SnakeYAML's scanner time that
 * grows faster than the line.
 */
final class LocatedYaml {

    /**
     * The longest line: an ARN is at most 2,048 characters and an event pattern at most 4,096, so no
     * rule needs a longer line, and SnakeYAML's scanner slows down on one long value.
     */
    static final int MAX_LINE = 4096;
    /** The longest value, a line or many: as long as the longest line. */
    static final int MAX_SCALAR = MAX_LINE;
    /**
     * The deepest nesting: a rule's match pattern, or a baseline policy in its parameters, nests
     * about ten levels.
     */
    static final int MAX_DEPTH = 32;

    /** A value read as something other than it looks, at a JSON pointer, with its line. */
    record Problem(String pointer, int line, String message) {
    }

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

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PLAIN_INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final String STRING_TAG = "tag:yaml.org,2002:str";

    private final JsonNode root;
    private final Map<String, Integer> lines;
    private final List<Problem> problems;
    private final Set<String> checkedPatterns;

    LocatedYaml(JsonNode root, Map<String, Integer> lines, List<Problem> problems) {
        this(root, lines, problems, Set.of());
    }

    LocatedYaml(JsonNode root, Map<String, Integer> lines, List<Problem> problems, Set<String> checkedPatterns) {
        this.root = root;
        this.lines = lines;
        this.problems = List.copyOf(problems);
        this.checkedPatterns = Set.copyOf(checkedPatterns);
    }

    /**
     * The parser's settings, in a class of their own so that a prebuilt reading ({@link PrebuiltYaml})
     * loads neither SnakeYAML nor Jackson's YAML module.
     */
    private static final class Parsing {
        // Plain scalars as YAML 1.2 reads them: "mode: off" is the word off, not YAML 1.1's false (nor
        // are yes, no and on booleans), and a key with no value has none rather than an empty string.
        private static final YAMLFactory YAML = YAMLFactory.builder()
                .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                .loaderOptions(loaderOptions())
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(MAX_SCALAR)
                        .maxNameLength(MAX_SCALAR)
                        .maxNumberLength(100)
                        .build())
                .build();

        /** SnakeYAML's own limits: the size of the document, and no expansion of aliases (refused anyway). */
        private static LoaderOptions loaderOptions() {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(RuleText.MAX_BYTES);
            options.setNestingDepthLimit(MAX_DEPTH);
            options.setMaxAliasesForCollections(0);
            return options;
        }
    }

    static LocatedYaml read(String text) throws SyntaxException {
        requireShortLines(text);
        Map<String, Integer> lines = new HashMap<>();
        List<Problem> problems = new ArrayList<>();
        try (YAMLParser parser = (YAMLParser) Parsing.YAML.createParser(text)) {
            try {
                if (parser.nextToken() == null) {
                    return new LocatedYaml(NODES.missingNode(), lines, problems);
                }
                JsonNode root = new Reading(parser, lines, problems).value("");
                if (parser.nextToken() != null) {
                    throw new SyntaxException(parser.currentTokenLocation().getLineNr(),
                            "a second YAML document starts here; a rule file holds one document");
                }
                return new LocatedYaml(root, lines, problems);
            } catch (StreamConstraintsException e) {
                throw new SyntaxException(Math.max(parser.currentLocation().getLineNr(), 1), limit(e.getOriginalMessage()));
            }
        } catch (SyntaxException e) {
            throw e;
        } catch (IOException e) {
            if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                throw syntaxError(marked);
            }
            if (e.getCause() instanceof YAMLException limited) {
                throw new SyntaxException(1, "not valid YAML: " + Shown.truncated(String.valueOf(limited.getMessage()), Shown.MESSAGE));
            }
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException processing
                    && processing.getLocation() != null ? processing.getLocation().getLineNr() : 1;
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException processing
                    ? processing.getOriginalMessage() : e.getMessage();
            throw new SyntaxException(Math.max(line, 1), "not valid YAML: "
                    + Shown.truncated(String.valueOf(message).lines().findFirst().orElse(""), Shown.MESSAGE));
        }
    }

    /** A cheap look at the text before the parser's: a line too long for any rule is refused at once. */
    private static void requireShortLines(String text) throws SyntaxException {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE) {
                    throw new SyntaxException(line, "line " + line + " is " + Shown.count(i - start)
                            + " characters long, more than the " + Shown.count(MAX_LINE) + " a rule file allows");
                }
                line++;
                start = i + 1;
            }
        }
    }

    private static String limit(String message) {
        String text = String.valueOf(message);
        if (text.contains("nesting depth")) {
            return "nested more than " + MAX_DEPTH + " levels deep";
        }
        if (text.contains("Number value length")) {
            return "a number of more than 100 digits";
        }
        return "a value longer than " + Shown.count(MAX_SCALAR) + " characters";
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
                "not valid YAML: " + Shown.truncated(String.valueOf(marked.getProblem()), Shown.MESSAGE) + context);
    }

    JsonNode root() {
        return root;
    }

    /** The line of every field, by JSON pointer. */
    Map<String, Integer> lines() {
        return Map.copyOf(lines);
    }

    /** The values read as something other than they look, in file order; none when the file is plain. */
    List<Problem> problems() {
        return problems;
    }

    /**
     * The patterns of this reading's rules that passed {@link PatternCheck} when the build read the
     * file ({@link PrebuiltYaml}), as their JSON; none for a file read at run time.
     */
    Set<String> checkedPatterns() {
        return checkedPatterns;
    }

    /**
     * True when a value at the JSON pointer, or inside it, was refused as a {@link Problem}: it
     * reads as missing, and the problem is the one error to report there.
     */
    boolean hasProblemAt(String pointer) {
        return problems.stream().anyMatch(problem -> problem.pointer().equals(pointer)
                || problem.pointer().startsWith(pointer + "/"));
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

    /** One pass over the parser's tokens, building the tree and noting each line and problem. */
    private record Reading(YAMLParser parser, Map<String, Integer> lines, List<Problem> problems) {

        JsonNode value(String pointer) throws IOException, SyntaxException {
            int line = parser.currentTokenLocation().getLineNr();
            lines.putIfAbsent(pointer, line);
            JsonToken token = parser.currentToken();
            if (parser.isCurrentAlias()) {
                problems.add(new Problem(pointer, line, "the alias *" + Shown.truncated(parser.getText())
                        + " stands for a value written elsewhere; write the value out (anchors and aliases are not read)"));
                return NODES.missingNode();
            }
            String tag = parser.getTypeId();
            if (tag != null && !(tag.equals(STRING_TAG) && token == JsonToken.VALUE_STRING)) {
                String shown = tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.substring("tag:yaml.org,2002:".length())
                        : tag.startsWith("!") ? tag : "!" + tag;
                problems.add(new Problem(pointer, line, "the tag " + Shown.truncated(shown)
                        + " is not read; write a plain value (quote it to make it a string)"));
                return NODES.missingNode();
            }
            switch (token) {
                case START_OBJECT -> {
                    ObjectNode object = NODES.objectNode();
                    while (parser.nextToken() != JsonToken.END_OBJECT) {
                        String name = parser.currentName();
                        int keyLine = parser.currentTokenLocation().getLineNr();
                        if (name.length() > MAX_SCALAR) {
                            throw new SyntaxException(keyLine, "a key of " + Shown.count(name.length())
                                    + " characters, longer than the " + Shown.count(MAX_SCALAR) + " a rule file allows");
                        }
                        if (object.has(name)) {
                            throw new SyntaxException(keyLine, "duplicate key " + Shown.quoted(name));
                        }
                        String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                        lines.put(child, keyLine);
                        parser.nextToken();
                        object.set(name, value(child));
                    }
                    return object;
                }
                case START_ARRAY -> {
                    ArrayNode array = NODES.arrayNode();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        array.add(value(pointer + "/" + array.size()));
                    }
                    return array;
                }
                case VALUE_STRING -> {
                    // SnakeYAML reads a scalar of many lines whole; Jackson's length limit does not apply to it.
                    String text = parser.getText();
                    if (text.length() > MAX_SCALAR) {
                        throw new SyntaxException(line, "a value of " + Shown.count(text.length())
                                + " characters, longer than the " + Shown.count(MAX_SCALAR) + " a rule file allows");
                    }
                    return NODES.textNode(text);
                }
                case VALUE_NUMBER_INT -> {
                    String text = parser.getText();
                    if (!PLAIN_INTEGER.matcher(text).matches()) {
                        problems.add(new Problem(pointer, line, notPlain(text, parser.getNumberValue().toString())));
                        return NODES.missingNode();
                    }
                    return switch (parser.getNumberType()) {
                        case INT -> NODES.numberNode(parser.getIntValue());
                        case LONG -> NODES.numberNode(parser.getLongValue());
                        default -> NODES.numberNode(parser.getBigIntegerValue());
                    };
                }
                case VALUE_NUMBER_FLOAT -> {
                    String text = parser.getText();
                    if (!PLAIN_DECIMAL.matcher(text).matches()) {
                        problems.add(new Problem(pointer, line, Shown.truncated(text)
                                + " is not a number written in plain decimal (such as 0.5 or 1e3); write one, or quote it"
                                + " if you mean the text"));
                        return NODES.missingNode();
                    }
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
                default -> {
                    problems.add(new Problem(pointer, line, "a value YAML reads as binary or an object of its own,"
                            + " which no rule takes"));
                    return NODES.missingNode();
                }
            }
        }

        /** Why a whole number written as YAML 1.1 reads it (0443, 0x1BB, 1_000, +5) is refused. */
        private static String notPlain(String text, String value) {
            String shown = Shown.truncated(text);
            String quote = ", or quote \"" + shown + "\" if you mean the text";
            if (text.matches("[-+]?0[0-9_]+")) {
                return shown + " has a leading zero, so YAML reads it as the " + (text.matches("[-+]?0[0-7_]+") ? "octal " : "")
                        + "number " + value + "; write it without leading zeros" + quote;
            }
            String reading = text.matches("[-+]?0x[0-9a-fA-F_]+") ? "the hexadecimal number " + value
                    : text.matches("[-+]?0b[01_]+") ? "the binary number " + value
                    : "the number " + value;
            return shown + " is read by YAML as " + reading + "; write " + value + " in plain decimal" + quote;
        }
    }
}
