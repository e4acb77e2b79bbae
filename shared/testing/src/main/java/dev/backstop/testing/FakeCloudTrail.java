package dev.backstop.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailRequest;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailResponse;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusRequest;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.cloudtrail.model.ListTagsRequest;
import software.amazon.awssdk.services.cloudtrail.model.ListTagsResponse;
import software.amazon.awssdk.services.cloudtrail.model.ResourceTag;
import software.amazon.awssdk.services.cloudtrail.model.StartLoggingRequest;
import software.amazon.awssdk.services.cloudtrail.model.StartLoggingResponse;
import software.amazon.awssdk.services.cloudtrail.model.StopLoggingRequest;
import software.amazon.awssdk.services.cloudtrail.model.StopLoggingResponse;
import software.amazon.awssdk.services.cloudtrail.model.Tag;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudtrail.model.TrailNotFoundException;

/**
 * CloudTrail at the SDK edge, for faults the emulator cannot make. Trails are found by name or
 * ARN, as the real API finds them.
 */
public final class FakeCloudTrail implements CloudTrailClient {

    private record FakeTrail(Trail trail, boolean logging) {
    }

    private final Map<String, FakeTrail> trailsByArn = new HashMap<>();
    private final Map<String, Map<String, String>> tagsByArn = new HashMap<>();
    private final List<String> startLoggingTargets = new ArrayList<>();
    private Supplier<RuntimeException> startLoggingFault;
    private boolean startLoggingIgnored;
    private int getTrailCalls;

    public FakeCloudTrail trail(String arn, boolean isLogging) {
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        String homeRegion = arn.split(":")[3];
        trailsByArn.put(arn, new FakeTrail(Trail.builder().name(name).trailARN(arn).homeRegion(homeRegion).build(),
                isLogging));
        return this;
    }

    public FakeCloudTrail tag(String arn, String key, String value) {
        tagsByArn.computeIfAbsent(arn, a -> new HashMap<>()).put(key, value);
        return this;
    }

    /** StartLogging throws this once instead of acting. */
    public FakeCloudTrail failStartLoggingWith(Supplier<RuntimeException> fault) {
        this.startLoggingFault = fault;
        return this;
    }

    /** StartLogging returns success but changes nothing, as a broken or racing API would. */
    public FakeCloudTrail ignoreStartLogging() {
        this.startLoggingIgnored = true;
        return this;
    }

    public boolean isLogging(String arn) {
        return trailsByArn.get(arn).logging();
    }

    public int startLoggingCalls() {
        return startLoggingTargets.size();
    }

    public int getTrailCalls() {
        return getTrailCalls;
    }

    /** The name or ARN each StartLogging call addressed its trail by. */
    public List<String> startLoggingTargets() {
        return startLoggingTargets;
    }

    @Override
    public GetTrailResponse getTrail(GetTrailRequest request) {
        getTrailCalls++;
        return GetTrailResponse.builder().trail(find(request.name()).trail()).build();
    }

    @Override
    public ListTagsResponse listTags(ListTagsRequest request) {
        return ListTagsResponse.builder().resourceTagList(request.resourceIdList().stream()
                .map(arn -> ResourceTag.builder().resourceId(arn).tagsList(tagsByArn.getOrDefault(arn, Map.of())
                        .entrySet().stream().map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
                        .toList()).build())
                .toList()).build();
    }

    @Override
    public GetTrailStatusResponse getTrailStatus(GetTrailStatusRequest request) {
        return GetTrailStatusResponse.builder().isLogging(find(request.name()).logging()).build();
    }

    @Override
    public StartLoggingResponse startLogging(StartLoggingRequest request) {
        startLoggingTargets.add(request.name());
        if (startLoggingFault != null) {
            RuntimeException fault = startLoggingFault.get();
            startLoggingFault = null;
            throw fault;
        }
        FakeTrail trail = find(request.name());
        if (!startLoggingIgnored) {
            trailsByArn.put(trail.trail().trailARN(), new FakeTrail(trail.trail(), true));
        }
        return StartLoggingResponse.builder().build();
    }

    @Override
    public StopLoggingResponse stopLogging(StopLoggingRequest request) {
        FakeTrail trail = find(request.name());
        trailsByArn.put(trail.trail().trailARN(), new FakeTrail(trail.trail(), false));
        return StopLoggingResponse.builder().build();
    }

    private FakeTrail find(String nameOrArn) {
        return trailsByArn.values().stream()
                .filter(t -> t.trail().trailARN().equals(nameOrArn) || t.trail().name().equals(nameOrArn))
                .findFirst()
                .orElseThrow(() -> TrailNotFoundException.builder().message("Unknown trail: " + nameOrArn).build());
    }

    @Override
    public String serviceName() {
        return "cloudtrail";
    }

    @Override
    public void close() {
    }
}
