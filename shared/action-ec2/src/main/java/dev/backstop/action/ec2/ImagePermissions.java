package dev.backstop.action.ec2;

import dev.backstop.action.SharePermissions;
import dev.backstop.action.SharedWith;
import dev.backstop.aws.Partitions;
import dev.backstop.event.CloudTrailEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.inject.Inject;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.ImageAttributeName;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.PermissionGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * An AMI's launch permissions: accounts by id, the group {@code all}, and organizations and OUs
 * by ARN. Changed with {@code ModifyImageAttribute}'s {@code LaunchPermission} add and remove lists.
 */
final class ImagePermissions implements SharePermissions {

    private static final Set<String> NOT_FOUND = Set.of("InvalidAMIID.NotFound", "InvalidAMIID.Unavailable",
            "InvalidAMIID.Malformed");

    private final Ec2Client ec2;
    private final Region region;

    @Inject
    ImagePermissions(Ec2Client ec2, Region region) {
        this.ec2 = ec2;
        this.region = region;
    }

    @Override
    public String kind() {
        return "AMI";
    }

    @Override
    public String call() {
        return "ModifyImageAttribute";
    }

    @Override
    public String id(CloudTrailEvent event) {
        return SharedItems.id(event, "imageId");
    }

    /** An image's ARN names its region and no account. */
    @Override
    public String arn(CloudTrailEvent event, String id) {
        return "arn:" + Partitions.of(region) + ":ec2:" + event.region() + "::image/" + id;
    }

    @Override
    public Set<String> added(CloudTrailEvent event) {
        return SharedItems.added(event, "launchPermission");
    }

    @Override
    public Optional<Set<String>> read(String id) {
        try {
            Set<String> shared = new TreeSet<>();
            for (LaunchPermission permission : ec2.describeImageAttribute(request -> request.imageId(id)
                    .attribute(ImageAttributeName.LAUNCH_PERMISSION)).launchPermissions()) {
                permission(permission).ifPresent(shared::add);
            }
            return Optional.of(shared);
        } catch (Ec2Exception e) {
            if (NOT_FOUND.contains(Ec2Errors.code(e))) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void remove(String id, Set<String> permissions) {
        if (!permissions.isEmpty()) {
            ec2.modifyImageAttribute(request -> request.imageId(id)
                    .launchPermission(change -> change.remove(launchPermissions(permissions))));
        }
    }

    @Override
    public void add(String id, Set<String> permissions) {
        if (!permissions.isEmpty()) {
            ec2.modifyImageAttribute(request -> request.imageId(id)
                    .launchPermission(change -> change.add(launchPermissions(permissions))));
        }
    }

    @Override
    public Map<String, String> tags(String id, String arn) {
        return ec2.describeImages(request -> request.imageIds(id)).images().stream()
                .flatMap(image -> image.tags().stream())
                .collect(Collectors.toMap(Tag::key, Tag::value, (first, second) -> first));
    }

    private static Optional<String> permission(LaunchPermission permission) {
        if (permission.userId() != null) {
            return Optional.of(permission.userId());
        }
        if (permission.group() != null) {
            return Optional.of(SharedWith.EVERYONE);
        }
        return Optional.ofNullable(permission.organizationArn() != null ? permission.organizationArn()
                : permission.organizationalUnitArn());
    }

    private static List<LaunchPermission> launchPermissions(Set<String> permissions) {
        return permissions.stream().sorted().map(ImagePermissions::launchPermission).toList();
    }

    private static LaunchPermission launchPermission(String permission) {
        if (SharedWith.EVERYONE.equals(permission)) {
            return LaunchPermission.builder().group(PermissionGroup.ALL).build();
        }
        if (permission.contains(":organization/")) {
            return LaunchPermission.builder().organizationArn(permission).build();
        }
        if (permission.contains(":ou/")) {
            return LaunchPermission.builder().organizationalUnitArn(permission).build();
        }
        return LaunchPermission.builder().userId(permission).build();
    }
}
