package dev.backstop.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.aws.JsonApi;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * AWS Config's recorder on moto, through the same signed JSON calls Backstop makes (the SDK's
 * Config module is not one this build can get). Config keeps one recorder per account and region:
 * tests share it, so each one stops it and reads it back itself.
 */
final class ConfigRecorder {

    private static final JsonApi CONFIG = new JsonApi(UrlConnectionHttpClient.create(),
            EnvironmentVariableCredentialsProvider.create(), Region.US_EAST_1,
            new JsonApi.Service("config", "config", "Config Service", "StarlingDoveService"));

    private ConfigRecorder() {
    }

    /** The region's recorder, made (with a delivery channel to {@code bucket}) when there is none. */
    static String in(String bucket) {
        JsonNode existing = CONFIG.target("DescribeConfigurationRecorders", JsonNodeFactory.instance.objectNode())
                .path("ConfigurationRecorders");
        if (!existing.isEmpty()) {
            return existing.get(0).path("name").asText();
        }
        String name = Emulators.uniquePrefix("recorder");
        ObjectNode recorder = JsonNodeFactory.instance.objectNode();
        recorder.putObject("ConfigurationRecorder").put("name", name)
                .put("roleARN", "arn:aws:iam::000000000000:role/config-recorder");
        CONFIG.target("PutConfigurationRecorder", recorder);
        ObjectNode channel = JsonNodeFactory.instance.objectNode();
        channel.putObject("DeliveryChannel").put("name", name).put("s3BucketName", bucket);
        CONFIG.target("PutDeliveryChannel", channel);
        return name;
    }

    static void stop(String recorder) {
        CONFIG.target("StopConfigurationRecorder", JsonNodeFactory.instance.objectNode()
                .put("ConfigurationRecorderName", recorder));
    }

    static boolean recording(String recorder) {
        JsonNode status = CONFIG.target("DescribeConfigurationRecorderStatus", JsonNodeFactory.instance.objectNode()
                .set("ConfigurationRecorderNames", JsonNodeFactory.instance.arrayNode().add(recorder)));
        return status.path("ConfigurationRecordersStatus").path(0).path("recording").asBoolean();
    }
}
