package dev.backstop.action.guardduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.backstop.aws.JsonAnswers;
import dev.backstop.aws.JsonApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The GuardDuty calls the actions make, as GuardDuty's REST-JSON API names them: ListDetectors,
 * GetDetector, UpdateDetector, GetIPSet, UpdateIPSet. A detector this account does not own (or no
 * longer has) is absent: GuardDuty answers a BadRequestException for it, so its presence is read
 * from ListDetectors.
 */
public final class GuardDutyApi {

    /** A detector as GetDetector reads it: ENABLED or DISABLED. */
    public record Detector(String id, String status, Map<String, String> tags) {

        public boolean enabled() {
            return "ENABLED".equals(status);
        }
    }

    /** A trusted IP list as GetIPSet reads it: ACTIVE, INACTIVE, ACTIVATING, DEACTIVATING, ERROR, DELETE_PENDING or DELETED. */
    public record IpSet(String id, String name, String location, String status, Map<String, String> tags) {

        public boolean active() {
            return "ACTIVE".equals(status) || "ACTIVATING".equals(status);
        }

        public boolean deleted() {
            return "DELETED".equals(status) || "DELETE_PENDING".equals(status);
        }
    }

    private final JsonApi api;

    GuardDutyApi(JsonApi api) {
        this.api = api;
    }

    public Region region() {
        return api.region();
    }

    public List<String> detectorIds() {
        return JsonAnswers.texts(api.rest(SdkHttpMethod.GET, "/detector", null), "detectorIds", "ListDetectors");
    }

    public Optional<Detector> detector(String detectorId) {
        if (!detectorIds().contains(detectorId)) {
            return Optional.empty();
        }
        JsonNode answer = api.rest(SdkHttpMethod.GET, "/detector/" + encode(detectorId), null);
        return Optional.of(new Detector(detectorId, JsonAnswers.text(answer, "status", "GetDetector"), tags(answer)));
    }

    public void enableDetector(String detectorId, boolean enable) {
        api.rest(SdkHttpMethod.POST, "/detector/" + encode(detectorId), JsonNodeFactory.instance.objectNode()
                .put("enable", enable));
    }

    public Optional<IpSet> ipSet(String detectorId, String ipSetId) {
        if (!detectorIds().contains(detectorId)) {
            return Optional.empty();
        }
        try {
            JsonNode answer = api.rest(SdkHttpMethod.GET, "/detector/" + encode(detectorId) + "/ipset/" + encode(ipSetId), null);
            return Optional.of(new IpSet(ipSetId, answer.path("name").asText(""), answer.path("location").asText(""),
                    JsonAnswers.text(answer, "status", "GetIPSet"), tags(answer)));
        } catch (AwsServiceException e) {
            if (e.statusCode() == 400 || e.statusCode() == 404) {
                return Optional.empty(); // GuardDuty's answer for an IP set id the detector does not have
            }
            throw e;
        }
    }

    public void activateIpSet(String detectorId, String ipSetId, boolean activate) {
        api.rest(SdkHttpMethod.POST, "/detector/" + encode(detectorId) + "/ipset/" + encode(ipSetId),
                JsonNodeFactory.instance.objectNode().put("activate", activate));
    }

    private static Map<String, String> tags(JsonNode answer) {
        Map<String, String> tags = new LinkedHashMap<>();
        answer.path("tags").fields().forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
        return tags;
    }

    private static String encode(String value) {
        return SdkHttpUtils.urlEncode(value);
    }
}
