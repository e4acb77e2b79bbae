package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One resource a finding names, in Security Hub's terms whatever the product: a GuardDuty
 * {@code Instance} is an {@code AwsEc2Instance}, its {@code AccessKey} an {@code AwsIamAccessKey},
 * each bucket of an {@code S3Bucket} finding an {@code AwsS3Bucket}.
 *
 * @param type the ASFF resource type ({@code AwsS3Bucket}, {@code AwsAccount}, ...)
 * @param id as the product gives it: an ARN, an instance id, {@code AWS::::Account:123456789012}
 * @param details what the product says of it (ASFF {@code Details}, GuardDuty's
 *     {@code instanceDetails} or {@code accessKeyDetails}); read it, never change it
 */
public record FindingResource(String type, String id, JsonNode details) {

    public FindingResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(details, "details");
    }

    /** The id's last part: the instance id of an instance ARN, the name of a bucket ARN, the id itself otherwise. */
    public String name() {
        String resource = id;
        if (id.startsWith("arn:")) {
            String[] arn = id.split(":", 6);
            resource = arn.length == 6 ? arn[5] : id;
            int slash = resource.lastIndexOf('/');
            return slash >= 0 ? resource.substring(slash + 1) : resource;
        }
        int colon = resource.lastIndexOf(':');
        return colon >= 0 ? resource.substring(colon + 1) : resource;
    }
}
