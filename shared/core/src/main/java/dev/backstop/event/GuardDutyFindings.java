package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads GuardDuty's finding format (the {@code detail} of a "GuardDuty Finding" event) into a
 * {@link FindingEvent}, its resource in Security Hub's terms: an {@code Instance} finding names an
 * {@code AwsEc2Instance}, an {@code AccessKey} finding an {@code AwsIamAccessKey} (and the instance
 * when it says which), an {@code S3Bucket} finding each bucket and the access key that reached it.
 */
final class GuardDutyFindings {

    private GuardDutyFindings() {
    }

    /** The finding of a "GuardDuty Finding" event; {@code tree} is its canonical envelope, delivered from {@code deliveredBy}. */
    static FindingEvent read(JsonNode root, String deliveredBy, JsonNode tree) {
        JsonFields envelope = JsonFields.requireObject(root, "");
        JsonFields detail = JsonFields.requireObject(root.get("detail"), "detail");
        String id = detail.requiredText("id");
        Instant updatedAt = detail.requiredTime("updatedAt");
        String region = detail.text("region") != null ? detail.text("region") : envelope.text("region");
        if (region == null || region.isBlank()) {
            throw new MalformedEventException("detail.region", "is missing (and so is the event's region)");
        }
        String partition = detail.text("partition") != null ? detail.text("partition") : "aws";
        double severity = severity(detail);
        String type = detail.requiredText("type");
        JsonFields service = detail.object("service");
        boolean archived = Boolean.TRUE.equals(service.bool("archived"));
        boolean sample = Boolean.TRUE.equals(service.object("additionalInfo").bool("sample"));
        return new FindingEvent("guardduty#" + id + "#" + updatedAt, FindingSource.GUARDDUTY, id,
                "arn:" + partition + ":securityhub:" + region + "::product/aws/guardduty", type, null,
                detail.text("title") != null ? detail.text("title") : type, severity, label(severity),
                detail.requiredAccountId("accountId"), deliveredBy, region, updatedAt,
                resources(root.path("detail").path("resource")), !archived, sample, tree);
    }

    /** GuardDuty's severity, 1.0 to 8.9 today, 10 at most: a JSON number as GuardDuty writes it (its text is read too). */
    private static double severity(JsonFields detail) {
        String text = detail.text("severity");
        if (text == null) {
            throw new MalformedEventException("detail.severity", "is missing");
        }
        try {
            double severity = Double.parseDouble(text);
            if (severity >= 0 && severity <= 10) {
                return severity;
            }
        } catch (NumberFormatException notANumber) {
            // named below
        }
        throw new MalformedEventException("detail.severity", "expected a number from 0 to 10, found \"" + text + "\"");
    }

    /** GuardDuty's own bands (Low below 4, Medium below 7, High below 9), in Security Hub's labels. */
    static String label(double severity) {
        return severity >= 9 ? "CRITICAL" : severity >= 7 ? "HIGH" : severity >= 4 ? "MEDIUM" : "LOW";
    }

    private static List<FindingResource> resources(JsonNode resource) {
        JsonFields fields = JsonFields.requireObject(resource, "detail.resource");
        String type = fields.requiredText("resourceType");
        List<FindingResource> resources = new ArrayList<>();
        JsonNode instance = resource.path("instanceDetails");
        if (instance.isObject() && !instance.isEmpty()) {
            resources.add(new FindingResource("AwsEc2Instance",
                    JsonFields.requireObject(instance, "detail.resource.instanceDetails").requiredText("instanceId"),
                    instance.deepCopy()));
        } else if (type.equals("Instance")) {
            throw new MalformedEventException("detail.resource.instanceDetails", "is missing from an Instance finding");
        }
        JsonNode accessKey = resource.path("accessKeyDetails");
        if (accessKey.isObject() && !accessKey.isEmpty()) {
            String keyId = JsonFields.requireObject(accessKey, "detail.resource.accessKeyDetails").text("accessKeyId");
            resources.add(new FindingResource("AwsIamAccessKey", keyId == null ? "" : keyId, accessKey.deepCopy()));
        } else if (type.equals("AccessKey")) {
            throw new MalformedEventException("detail.resource.accessKeyDetails", "is missing from an AccessKey finding");
        }
        JsonNode buckets = resource.path("s3BucketDetails");
        for (int i = 0; buckets.isArray() && i < buckets.size(); i++) {
            JsonFields bucket = JsonFields.requireObject(buckets.get(i), "detail.resource.s3BucketDetails[" + i + "]");
            String arn = bucket.text("arn") != null ? bucket.text("arn") : "arn:aws:s3:::" + bucket.requiredText("name");
            resources.add(new FindingResource("AwsS3Bucket", arn, buckets.get(i).deepCopy()));
        }
        if (resources.isEmpty()) {
            resources.add(new FindingResource(type, "", resource.deepCopy()));
        }
        return resources;
    }
}
