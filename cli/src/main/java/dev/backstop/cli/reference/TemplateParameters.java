package dev.backstop.cli.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The template parameters page ({@code docs/reference/template-parameters.md}): every parameter
 * of {@code template.yaml} and {@code member-account.yaml} with its type, default, allowed values
 * and {@code Description}, read from the templates themselves. CloudFormation's short tags
 * ({@code !Ref}, {@code !If}) are read as the plain values they tag; only {@code Parameters} is used.
 */
final class TemplateParameters {

    static final String PAGE = "docs/reference/template-parameters.md";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private TemplateParameters() {
    }

    /** The page for the central template and the member-account template, in that order. */
    static String render(Path template, Path memberTemplate) {
        return ReferencePages.banner("the `Parameters` of `template.yaml` and `member-account.yaml`")
                + "# Template parameters\n\n"
                + "The parameters of the two CloudFormation templates, with the descriptions the templates\n"
                + "give them. [Deploy](../deploy.md) says which to decide first; [Multi-account](../multi-account.md)\n"
                + "how the two templates fit together.\n\n"
                + "## template.yaml\n\n"
                + "The central stack (`sam deploy`), one per region remediated.\n\n"
                + table(template)
                + "\n## member-account.yaml\n\n"
                + "The member-account role and event forwarding, deployed with StackSets to every member\n"
                + "account and region.\n\n"
                + table(memberTemplate);
    }

    private static String table(Path template) {
        JsonNode parameters = read(template).path("Parameters");
        if (!parameters.isObject() || parameters.isEmpty()) {
            throw new IllegalArgumentException(template + ": no Parameters");
        }
        StringBuilder table = new StringBuilder(Markdown.header(List.of("parameter", "type", "default", "allowed", "meaning")));
        for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> parameter = it.next();
            JsonNode spec = parameter.getValue();
            String description = spec.path("Description").asText("");
            if (description.isBlank()) {
                throw new IllegalArgumentException(template + ": parameter " + parameter.getKey() + " has no Description");
            }
            table.append(Markdown.row(List.of(Markdown.code(parameter.getKey()), spec.path("Type").asText(),
                    spec.has("Default") ? Markdown.code(spec.get("Default").asText()) : "(required)",
                    allowed(spec), Markdown.text(description))));
        }
        return table.toString();
    }

    /** What the template accepts: a list of values, a range, or the constraint's own words. */
    private static String allowed(JsonNode spec) {
        if (spec.has("AllowedValues")) {
            List<String> values = new ArrayList<>();
            spec.get("AllowedValues").forEach(value -> values.add(Markdown.code(value.asText())));
            return String.join(", ", values);
        }
        if (spec.has("MinValue") || spec.has("MaxValue")) {
            String min = spec.has("MinValue") ? spec.get("MinValue").asText() : null;
            String max = spec.has("MaxValue") ? spec.get("MaxValue").asText() : null;
            return min != null && max != null ? min + " to " + max : min != null ? "at least " + min : "at most " + max;
        }
        return Markdown.text(spec.path("ConstraintDescription").asText(""));
    }

    private static JsonNode read(Path template) {
        try {
            return YAML.readTree(Files.readString(template));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + template + ": " + e.getMessage(), e);
        }
    }
}
