package dev.backstop.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.text.Shown;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one YAML object of a rule file field by field, collecting an error for each wrong one
 * instead of stopping at the first.
 */
final class Fields {

    private final LocatedYaml yaml;
    private final String file;
    private final String ruleId;
    private final JsonNode node;
    private final String pointer;
    private final String path;
    private final List<RuleError> errors;

    Fields(LocatedYaml yaml, String file, String ruleId, JsonNode node, String pointer, String path,
            List<RuleError> errors) {
        this.yaml = yaml;
        this.file = file;
        this.ruleId = ruleId;
        this.node = node;
        this.pointer = pointer;
        this.path = path;
        this.errors = errors;
    }

    JsonNode node() {
        return node;
    }

    /** Whether a pattern of this file, as JSON, was checked when the build read the file (see {@link PrebuiltYaml}). */
    boolean checkedAtBuild(String patternJson) {
        return yaml.checkedPatterns().contains(patternJson);
    }

    Fields child(String name) {
        return new Fields(yaml, file, ruleId, node.path(name), pointer + "/" + name, join(path, name), errors);
    }

    Fields element(int index) {
        return new Fields(yaml, file, ruleId, node.path(index), pointer + "/" + index, path + "[" + index + "]", errors);
    }

    Fields forRule(String id) {
        return new Fields(yaml, file, id, node, pointer, "", errors);
    }

    boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    /** Reports every key of this object not among the allowed ones. */
    void onlyKeys(Set<String> allowed) {
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                child(name).error("unknown field; expected one of " + String.join(", ", sorted(allowed)));
            }
        });
    }

    boolean requireObject() {
        if (!present()) {
            error("is missing");
            return false;
        }
        if (!node.isObject()) {
            error("expected a mapping, found " + kind(node));
            return false;
        }
        return true;
    }

    boolean optionalObject() {
        return present() && requireObject();
    }

    boolean requireList() {
        if (!present()) {
            error("is missing");
            return false;
        }
        if (!node.isArray()) {
            error("expected a list, found " + kind(node));
            return false;
        }
        return true;
    }

    /** A required non-blank string, or null after reporting why not. */
    String requiredString() {
        if (!present()) {
            error("is missing");
            return null;
        }
        return string();
    }

    /** An optional string, or null. */
    String string() {
        if (!present()) {
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            error("expected a non-empty string, found " + kind(node));
            return null;
        }
        return node.asText();
    }

    List<String> strings() {
        List<String> values = new ArrayList<>();
        if (!present()) {
            return values;
        }
        if (!node.isArray()) {
            error("expected a list of strings, found " + kind(node));
            return values;
        }
        for (int i = 0; i < node.size(); i++) {
            String value = element(i).string();
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    void error(String message) {
        if (yaml.hasProblemAt(pointer)) {
            return;
        }
        String field = !path.isEmpty() ? path : pointer.isEmpty() ? "(file)" : "(rule)";
        errors.add(new RuleError(file, yaml.lineOf(pointer), ruleId, field, message));
    }

    int line() {
        return yaml.lineOf(pointer);
    }

    String file() {
        return file;
    }

    int errorCount() {
        return errors.size();
    }

    static String kind(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "the string " + Shown.quoted(node.asText());
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + Shown.truncated(node.asText());
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
