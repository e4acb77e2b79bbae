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
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.OperationType;
import software.amazon.awssdk.services.ec2.model.SnapshotAttributeName;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * An EBS snapshot's create-volume permissions: accounts by id and the group {@code all}. Changed
 * with {@code ModifySnapshotAttribute}'s operation type and id lists, the form every EC2
 * implementation takes.
 */
final class SnapshotPermissions implements SharePermissions {

    private static final Set<String> NOT_FOUND = Set.of("InvalidSnapshot.NotFound", "InvalidSnapshotID.Malformed");

    private final Ec2Client ec2;
    private final Region region;

    @Inject
    SnapshotPermissions(Ec2Client ec2, Region region) {
        this.ec2 = ec2;
        this.region = region;
    }

    @Override
    public String kind() {
        return "EBS snapshot";
    }

    @Override
    public String call() {
        return "ModifySnapshotAttribute";
    }

    @Override
    public String id(CloudTrailEvent event) {
        return SharedItems.id(event, "snapshotId");
    }

    /** A snapshot's ARN names its region and no account. */
    @Override
    public String arn(CloudTrailEvent event, String id) {
        return "arn:" + Partitions.of(region) + ":ec2:" + event.region() + "::snapshot/" + id;
    }

    @Override
    public Set<String> added(CloudTrailEvent event) {
        return SharedItems.added(event, "createVolumePermission");
    }

    @Override
    public Optional<Set<String>> read(String id) {
        try {
            List<CreateVolumePermission> permissions = ec2.describeSnapshotAttribute(request -> request.snapshotId(id)
                    .attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION)).createVolumePermissions();
            Set<String> shared = new TreeSet<>();
            for (CreateVolumePermission permission : permissions) {
                if (permission.userId() != null) {
                    shared.add(permission.userId());
                }
                if (permission.group() != null) {
                    shared.add(SharedWith.EVERYONE);
                }
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
        modify(id, permissions, OperationType.REMOVE);
    }

    @Override
    public void add(String id, Set<String> permissions) {
        modify(id, permissions, OperationType.ADD);
    }

    @Override
    public Map<String, String> tags(String id, String arn) {
        return ec2.describeSnapshots(request -> request.snapshotIds(id)).snapshots().stream()
                .flatMap(snapshot -> snapshot.tags().stream())
                .collect(Collectors.toMap(Tag::key, Tag::value, (first, second) -> first));
    }

    private void modify(String id, Set<String> permissions, OperationType operation) {
        List<String> accounts = permissions.stream().filter(permission -> !SharedWith.EVERYONE.equals(permission)).toList();
        boolean everyone = permissions.contains(SharedWith.EVERYONE);
        if (accounts.isEmpty() && !everyone) {
            return;
        }
        ec2.modifySnapshotAttribute(request -> {
            request.snapshotId(id).attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION).operationType(operation);
            if (!accounts.isEmpty()) {
                request.userIds(accounts);
            }
            if (everyone) {
                request.groupNames(SharedWith.EVERYONE);
            }
        });
    }
}
