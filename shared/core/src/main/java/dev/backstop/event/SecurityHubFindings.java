package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one finding in the AWS Security Finding Format (an entry of a "Security Hub Findings -
 * Imported" event's {@code detail.findings}) into a {@link FindingEvent}. The control is the
 * consolidated {@code Compliance.SecurityControlId}, else the per-standard
 * {@code ProductFields.ControlId}; a finding is inactive once archived, closed by a person
 * (workflow RESOLVED or SUPPRESSED) or passing.
 */
final class SecurityHubFindings {

    private static final Set<String> LABELS = Set.of("INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL");
    private static final Set<String> CLOSED = Set.of("RESOLVED", "SUPPRESSED");

    private SecurityHubFindings() {
    }

    static FindingEvent read(JsonNode finding, String where, String eventRegion, String deliveredBy, JsonNode tree) {
        JsonFields fields = JsonFields.requireObject(finding, where);
        String id = fields.requiredText("Id");
        Instant updatedAt = fields.requiredTime("UpdatedAt");
        String region = fields.text("Region") != null ? fields.text("Region") : eventRegion;
        JsonFields compliance = fields.object("Compliance");
        String control = compliance.text("SecurityControlId") != null ? compliance.text("SecurityControlId")
                : fields.object("ProductFields").text("ControlId");
        JsonFields workflow = fields.object("Workflow");
        String workflowStatus = workflow.text("Status") != null ? workflow.text("Status") : fields.text("WorkflowState");
        boolean active = !"ARCHIVED".equals(fields.text("RecordState")) && !CLOSED.contains(workflowStatus)
                && !"PASSED".equals(compliance.text("Status"));
        JsonFields severity = fields.object("Severity");
        double normalized = normalized(severity);
        return new FindingEvent("securityhub#" + id + "#" + updatedAt, FindingSource.SECURITY_HUB, id,
                fields.requiredText("ProductArn"), firstType(finding.get("Types"), fields.at("Types")), control,
                fields.text("Title"), normalized, label(severity, normalized), fields.requiredAccountId("AwsAccountId"),
                deliveredBy, region, updatedAt, resources(finding.get("Resources"), fields.at("Resources")), active, false, tree);
    }

    private static String firstType(JsonNode types, String where) {
        if (types == null || !types.isArray() || types.isEmpty() || !types.get(0).isTextual()) {
            throw new MalformedEventException(where, "expected a non-empty list of finding types");
        }
        return types.get(0).asText();
    }

    private static double normalized(JsonFields severity) {
        String text = severity.text("Normalized");
        if (text == null) {
            return switch (severity.text("Label") == null ? "" : severity.text("Label")) {
                case "CRITICAL" -> 90;
                case "HIGH" -> 70;
                case "MEDIUM" -> 40;
                case "LOW" -> 1;
                default -> 0;
            };
        }
        try {
            double value = Double.parseDouble(text);
            if (value >= 0 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // named below
        }
        throw new MalformedEventException(severity.at("Normalized"), "expected a number from 0 to 100, found \"" + text + "\"");
    }

    /** The label as given, else Security Hub's bands of the normalized severity. */
    private static String label(JsonFields severity, double normalized) {
        String label = severity.text("Label");
        if (label == null) {
            if (severity.text("Normalized") == null) {
                throw new MalformedEventException(severity.at("Label"), "is missing (and so is Normalized)");
            }
            return normalized >= 90 ? "CRITICAL" : normalized >= 70 ? "HIGH" : normalized >= 40 ? "MEDIUM"
                    : normalized >= 1 ? "LOW" : "INFORMATIONAL";
        }
        if (!LABELS.contains(label)) {
            throw new MalformedEventException(severity.at("Label"), "expected one of " + LABELS + ", found \"" + label + "\"");
        }
        return label;
    }

    private static List<FindingResource> resources(JsonNode resources, String where) {
        if (resources == null || !resources.isArray() || resources.isEmpty()) {
            throw new MalformedEventException(where, "expected a non-empty list of resources");
        }
        List<FindingResource> read = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            JsonFields resource = JsonFields.requireObject(resources.get(i), where + "[" + i + "]");
            read.add(new FindingResource(resource.requiredText("Type"), resource.requiredText("Id"),
                    resource.tree("Details")));
        }
        return read;
    }
}
