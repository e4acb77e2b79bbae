package dev.backstop.action.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.testing.SampleEvents;
import java.util.List;
import java.util.function.Consumer;

/** The samples in events/s3, parsed as the engine parses them, and what they name. */
final class S3Samples {

    static final String POLICY_BUCKET = "acme-reports";
    static final String POLICY_BUCKET_ARN = "arn:aws:s3:::acme-reports";
    static final String BLOCK_BUCKET = "acme-web-assets";
    static final String ACL_BUCKET = "acme-build-artifacts";
    static final String ACCOUNT = "123456789012";
    static final Settings SETTINGS = new Settings("audit", "arn:aws:sns:us-east-1:123456789012:backstop", Mode.ENFORCE,
            List.of());

    private static final CloudTrailEventParser PARSER = new CloudTrailEventParser();

    private S3Samples() {
    }

    static CloudTrailEvent event(String sample) {
        return event(sample, e -> { });
    }

    static CloudTrailEvent event(String sample, Consumer<ObjectNode> edit) {
        return PARSER.parse(SampleEvents.edited("s3/" + sample, edit));
    }

    static ObjectNode requestParameters(ObjectNode event) {
        return (ObjectNode) SampleEvents.detail(event).get("requestParameters");
    }

    /** The policy the PutBucketPolicy sample sets, as its JSON text. */
    static String samplePolicy() {
        return SampleEvents.read("s3/put-bucket-policy.json").at("/detail/requestParameters/bucketPolicy").toString();
    }
}
