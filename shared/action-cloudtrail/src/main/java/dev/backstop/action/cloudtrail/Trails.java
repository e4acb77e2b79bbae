package dev.backstop.action.cloudtrail;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.inject.Inject;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.Tag;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudtrail.model.TrailNotFoundException;
import software.amazon.awssdk.services.cloudtrail.model.UpdateTrailRequest;

/**
 * The CloudTrail calls the trail actions and the watchdog share: a trail's whole configuration
 * read into a {@link TrailConfig}, and written back.
 *
 * <p>Trails are addressed by name in their home region (the region of their ARN), which every
 * CloudTrail API and emulator accepts (moto takes no ARN in StartLogging, StopLogging or
 * DeleteTrail); elsewhere only the ARN reaches them.
 */
public final class Trails {

    private final CloudTrailClient cloudTrail;
    private final Region region;

    @Inject
    Trails(CloudTrailClient cloudTrail, Region region) {
        this.cloudTrail = cloudTrail;
        this.region = region;
    }

    /** The trail's configuration, selectors and tags included; empty when no such trail exists. */
    public Optional<TrailConfig> read(String nameOrArn) {
        Trail trail;
        try {
            trail = cloudTrail.getTrail(request -> request.name(nameOrArn)).trail();
        } catch (TrailNotFoundException gone) {
            return Optional.empty();
        }
        String address = address(trail.trailARN(), trail.name());
        GetEventSelectorsResponse selectors;
        try {
            selectors = cloudTrail.getEventSelectors(request -> request.trailName(address));
        } catch (TrailNotFoundException goneSince) {
            return Optional.empty();
        }
        return Optional.of(new TrailConfig(trail.name(), trail.trailARN(), trail.s3BucketName(), trail.s3KeyPrefix(),
                trail.snsTopicName(), trail.kmsKeyId(), Boolean.TRUE.equals(trail.isMultiRegionTrail()),
                Boolean.TRUE.equals(trail.includeGlobalServiceEvents()),
                Boolean.TRUE.equals(trail.logFileValidationEnabled()), Boolean.TRUE.equals(trail.isOrganizationTrail()),
                trail.cloudWatchLogsLogGroupArn(), trail.cloudWatchLogsRoleArn(), EventSelectors.of(selectors).normalized(),
                tags(trail.trailARN())));
    }

    /** The ARNs of the trails managed from this region (not other regions' multi-region trails). */
    public List<String> homeTrails() {
        return cloudTrail.describeTrails(request -> request.includeShadowTrails(false)).trailList().stream()
                .map(Trail::trailARN)
                .filter(arn -> region.id().equals(arn.split(":", 6)[3]))
                .toList();
    }

    /** False for a trail that is not logging, or that was deleted since it was read. */
    public boolean isLogging(TrailConfig trail) {
        try {
            return Boolean.TRUE.equals(cloudTrail.getTrailStatus(request -> request.name(address(trail))).isLogging());
        } catch (TrailNotFoundException goneSince) {
            return false;
        }
    }

    Map<String, String> tags(String trailArn) {
        return cloudTrail.listTags(request -> request.resourceIdList(trailArn)).resourceTagList().stream()
                .flatMap(resource -> resource.tagsList().stream())
                .collect(Collectors.toMap(Tag::key, Tag::value, (first, second) -> first));
    }

    /** Creates the trail as the snapshot describes it, puts its selectors back and starts logging. */
    void recreate(TrailConfig snapshot) {
        cloudTrail.createTrail(request -> request.name(snapshot.name()).s3BucketName(snapshot.s3BucketName())
                .s3KeyPrefix(blankToNull(snapshot.s3KeyPrefix())).snsTopicName(blankToNull(snapshot.snsTopicName()))
                .kmsKeyId(blankToNull(snapshot.kmsKeyId())).isMultiRegionTrail(snapshot.multiRegion())
                .includeGlobalServiceEvents(snapshot.includeGlobalServiceEvents())
                .enableLogFileValidation(snapshot.logFileValidation())
                .isOrganizationTrail(snapshot.organizationTrail())
                .cloudWatchLogsLogGroupArn(blankToNull(snapshot.cloudWatchLogsLogGroupArn()))
                .cloudWatchLogsRoleArn(blankToNull(snapshot.cloudWatchLogsRoleArn()))
                .tagsList(snapshot.tags().entrySet().stream()
                        .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build()).toList()));
        if (!snapshot.selectors().equals(EventSelectors.DEFAULT)) {
            putSelectors(address(snapshot), snapshot.selectors());
        }
        cloudTrail.startLogging(request -> request.name(address(snapshot)));
    }

    void delete(TrailConfig trail) {
        cloudTrail.deleteTrail(request -> request.name(address(trail)));
    }

    /** Sets the guarded settings named in {@code settings} (API names, as {@link TrailConfig#guardedSettings()}). */
    void update(TrailConfig trail, Map<String, String> settings) {
        UpdateTrailRequest.Builder request = UpdateTrailRequest.builder().name(address(trail));
        settings.forEach((setting, value) -> {
            switch (setting) {
                case "s3BucketName" -> request.s3BucketName(value);
                case "s3KeyPrefix" -> request.s3KeyPrefix(value);
                case "kmsKeyId" -> request.kmsKeyId(value); // empty removes the key
                case "isMultiRegionTrail" -> request.isMultiRegionTrail(Boolean.parseBoolean(value));
                case "includeGlobalServiceEvents" -> request.includeGlobalServiceEvents(Boolean.parseBoolean(value));
                case "logFileValidationEnabled" -> request.enableLogFileValidation(Boolean.parseBoolean(value));
                default -> throw new IllegalArgumentException("not a guarded trail setting: " + setting);
            }
        });
        cloudTrail.updateTrail(request.build());
    }

    void putSelectors(String address, EventSelectors wanted) {
        EventSelectors selectors = wanted.normalized();
        if (selectors.advanced().isEmpty()) {
            cloudTrail.putEventSelectors(request -> request.trailName(address).eventSelectors(selectors.basicForSdk()));
        } else {
            cloudTrail.putEventSelectors(request -> request.trailName(address)
                    .advancedEventSelectors(selectors.advancedForSdk()));
        }
    }

    String address(TrailConfig trail) {
        return address(trail.arn(), trail.name());
    }

    private String address(String arn, String name) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && region.id().equals(parts[3]) ? name : arn;
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
