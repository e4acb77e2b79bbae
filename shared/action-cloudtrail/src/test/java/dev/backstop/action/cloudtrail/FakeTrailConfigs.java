package dev.backstop.action.cloudtrail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector;
import software.amazon.awssdk.services.cloudtrail.model.CreateTrailRequest;
import software.amazon.awssdk.services.cloudtrail.model.CreateTrailResponse;
import software.amazon.awssdk.services.cloudtrail.model.DeleteTrailRequest;
import software.amazon.awssdk.services.cloudtrail.model.DeleteTrailResponse;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsRequest;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailRequest;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailResponse;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusRequest;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.cloudtrail.model.ListTagsRequest;
import software.amazon.awssdk.services.cloudtrail.model.ListTagsResponse;
import software.amazon.awssdk.services.cloudtrail.model.PutEventSelectorsRequest;
import software.amazon.awssdk.services.cloudtrail.model.PutEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.ResourceTag;
import software.amazon.awssdk.services.cloudtrail.model.StartLoggingRequest;
import software.amazon.awssdk.services.cloudtrail.model.StartLoggingResponse;
import software.amazon.awssdk.services.cloudtrail.model.Tag;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudtrail.model.TrailNotFoundException;
import software.amazon.awssdk.services.cloudtrail.model.UpdateTrailRequest;
import software.amazon.awssdk.services.cloudtrail.model.UpdateTrailResponse;

/**
 * The CloudTrail calls the trail actions make, at the SDK edge, on trails in us-east-1 of account
 * 123456789012 found by name or ARN: configuration, event selectors (basic or advanced), tags,
 * logging, creation and deletion. It keeps the calls that change something, in order.
 */
final class FakeTrailConfigs implements CloudTrailClient {

    private static final String ARN_PREFIX = "arn:aws:cloudtrail:us-east-1:123456789012:trail/";

    private final Map<String, Trail> trails = new HashMap<>();
    private final Map<String, List<EventSelector>> basic = new HashMap<>();
    private final Map<String, List<AdvancedEventSelector>> advanced = new HashMap<>();
    private final Map<String, Boolean> logging = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    FakeTrailConfigs trail(Trail trail, List<EventSelector> selectors) {
        String name = trail.name();
        trails.put(name, trail.toBuilder().trailARN(ARN_PREFIX + name).homeRegion("us-east-1").build());
        basic.put(name, selectors);
        advanced.put(name, List.of());
        logging.put(name, true);
        return this;
    }

    Trail trail(String name) {
        return trails.get(name);
    }

    List<EventSelector> basicSelectors(String name) {
        return basic.get(name);
    }

    List<String> calls() {
        return calls;
    }

    private String name(String nameOrArn) {
        String name = nameOrArn.startsWith(ARN_PREFIX) ? nameOrArn.substring(ARN_PREFIX.length()) : nameOrArn;
        if (!trails.containsKey(name)) {
            throw TrailNotFoundException.builder().message("Unknown trail: " + nameOrArn).build();
        }
        return name;
    }

    @Override
    public GetTrailResponse getTrail(GetTrailRequest request) {
        return GetTrailResponse.builder().trail(trails.get(name(request.name()))).build();
    }

    @Override
    public GetEventSelectorsResponse getEventSelectors(GetEventSelectorsRequest request) {
        String name = name(request.trailName());
        return GetEventSelectorsResponse.builder().trailARN(ARN_PREFIX + name).eventSelectors(basic.get(name))
                .advancedEventSelectors(advanced.get(name)).build();
    }

    @Override
    public PutEventSelectorsResponse putEventSelectors(PutEventSelectorsRequest request) {
        String name = name(request.trailName());
        calls.add("PutEventSelectors " + name);
        basic.put(name, request.hasEventSelectors() ? request.eventSelectors() : List.of());
        advanced.put(name, request.hasAdvancedEventSelectors() ? request.advancedEventSelectors() : List.of());
        return PutEventSelectorsResponse.builder().build();
    }

    @Override
    public UpdateTrailResponse updateTrail(UpdateTrailRequest request) {
        String name = name(request.name());
        calls.add("UpdateTrail " + name);
        Trail.Builder trail = trails.get(name).toBuilder();
        if (request.s3BucketName() != null) {
            trail.s3BucketName(request.s3BucketName());
        }
        if (request.s3KeyPrefix() != null) {
            trail.s3KeyPrefix(request.s3KeyPrefix());
        }
        if (request.kmsKeyId() != null) {
            trail.kmsKeyId(request.kmsKeyId().isEmpty() ? null : request.kmsKeyId());
        }
        if (request.isMultiRegionTrail() != null) {
            trail.isMultiRegionTrail(request.isMultiRegionTrail());
        }
        if (request.includeGlobalServiceEvents() != null) {
            trail.includeGlobalServiceEvents(request.includeGlobalServiceEvents());
        }
        if (request.enableLogFileValidation() != null) {
            trail.logFileValidationEnabled(request.enableLogFileValidation());
        }
        trails.put(name, trail.build());
        return UpdateTrailResponse.builder().build();
    }

    @Override
    public CreateTrailResponse createTrail(CreateTrailRequest request) {
        calls.add("CreateTrail " + request.name());
        trail(Trail.builder().name(request.name()).s3BucketName(request.s3BucketName()).s3KeyPrefix(request.s3KeyPrefix())
                .kmsKeyId(request.kmsKeyId()).isMultiRegionTrail(request.isMultiRegionTrail())
                .includeGlobalServiceEvents(request.includeGlobalServiceEvents())
                .logFileValidationEnabled(request.enableLogFileValidation()).build(), List.of());
        logging.put(request.name(), false);
        return CreateTrailResponse.builder().build();
    }

    @Override
    public DeleteTrailResponse deleteTrail(DeleteTrailRequest request) {
        String name = name(request.name());
        calls.add("DeleteTrail " + name);
        trails.remove(name);
        return DeleteTrailResponse.builder().build();
    }

    @Override
    public GetTrailStatusResponse getTrailStatus(GetTrailStatusRequest request) {
        return GetTrailStatusResponse.builder().isLogging(logging.get(name(request.name()))).build();
    }

    @Override
    public StartLoggingResponse startLogging(StartLoggingRequest request) {
        logging.put(name(request.name()), true);
        return StartLoggingResponse.builder().build();
    }

    @Override
    public ListTagsResponse listTags(ListTagsRequest request) {
        return ListTagsResponse.builder().resourceTagList(request.resourceIdList().stream()
                .filter(arn -> trails.containsKey(arn.substring(ARN_PREFIX.length())))
                .map(arn -> ResourceTag.builder().resourceId(arn).tagsList(Tag.builder().key("team").value("security")
                        .build()).build()).toList()).build();
    }

    @Override
    public String serviceName() {
        return "cloudtrail";
    }

    @Override
    public void close() {
        Objects.requireNonNull(calls);
    }
}
