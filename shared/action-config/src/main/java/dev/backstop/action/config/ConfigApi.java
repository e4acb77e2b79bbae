package dev.backstop.action.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.aws.JsonAnswers;
import dev.backstop.aws.JsonApi;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;

/**
 * The AWS Config calls the actions make: DescribeConfigurationRecorders,
 * DescribeConfigurationRecorderStatus, StartConfigurationRecorder, StopConfigurationRecorder.
 * Service-linked recorders ({@code AWSConfigurationRecorderFor...}) are AWS's to start and stop,
 * so they are left out.
 */
public final class ConfigApi {

    static final String SERVICE_LINKED = "AWSConfigurationRecorderFor";

    /** A customer managed recorder, with its ARN where Config gives one. */
    public record Recorder(String name, String arn) {
    }

    private final JsonApi api;

    ConfigApi(JsonApi api) {
        this.api = api;
    }

    public Region region() {
        return api.region();
    }

    /** The recorder of that name, if the account has it in this region. */
    public Optional<Recorder> recorder(String name) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.putArray("ConfigurationRecorderNames").add(name);
        try {
            return recorders(api.target("DescribeConfigurationRecorders", request)).stream().findFirst();
        } catch (AwsServiceException e) {
            if ("NoSuchConfigurationRecorderException".equals(code(e))) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every customer managed recorder of the region (today at most one). */
    public List<Recorder> recorders() {
        return recorders(api.target("DescribeConfigurationRecorders", JsonNodeFactory.instance.objectNode()));
    }

    private static List<Recorder> recorders(JsonNode answer) {
        return JsonAnswers.objects(answer, "ConfigurationRecorders", "DescribeConfigurationRecorders").stream()
                .map(recorder -> new Recorder(JsonAnswers.text(recorder, "name", "DescribeConfigurationRecorders"),
                        recorder.path("arn").asText(null)))
                .filter(recorder -> !recorder.name().startsWith(SERVICE_LINKED))
                .toList();
    }

    /** True while the recorder records; empty when it is gone. */
    public Optional<Boolean> recording(String name) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.putArray("ConfigurationRecorderNames").add(name);
        try {
            return JsonAnswers.objects(api.target("DescribeConfigurationRecorderStatus", request),
                    "ConfigurationRecordersStatus", "DescribeConfigurationRecorderStatus").stream()
                    .filter(status -> name.equals(status.path("name").asText()))
                    .map(status -> status.path("recording").asBoolean(false))
                    .findFirst();
        } catch (AwsServiceException e) {
            if ("NoSuchConfigurationRecorderException".equals(code(e))) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public void start(String name) {
        api.target("StartConfigurationRecorder", JsonNodeFactory.instance.objectNode().put("ConfigurationRecorderName", name));
    }

    public void stop(String name) {
        api.target("StopConfigurationRecorder", JsonNodeFactory.instance.objectNode().put("ConfigurationRecorderName", name));
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
    }
}
