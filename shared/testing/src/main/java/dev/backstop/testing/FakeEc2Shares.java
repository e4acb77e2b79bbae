package dev.backstop.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.DescribeImageAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImageAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.ModifyImageAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyImageAttributeResponse;
import software.amazon.awssdk.services.ec2.model.ModifySnapshotAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifySnapshotAttributeResponse;
import software.amazon.awssdk.services.ec2.model.OperationType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * EBS snapshots' create-volume permissions and AMIs' launch permissions at the SDK edge, as EC2
 * documents them: {@code InvalidSnapshot.NotFound} and {@code InvalidAMIID.NotFound} for a missing
 * one; a snapshot changed by operation type and id lists, an image by its {@code LaunchPermission}
 * add and remove lists. Permissions are held as the actions write them: an account id, {@code all},
 * or an organization's or OU's ARN.
 */
public final class FakeEc2Shares implements Ec2Client {

    private record Shared(Set<String> with, Map<String, String> tags) {
    }

    private final Map<String, Shared> snapshots = new LinkedHashMap<>();
    private final Map<String, Shared> images = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private Supplier<RuntimeException> modifyFault;

    /** A snapshot shared with these permissions. */
    public FakeEc2Shares snapshot(String id, String... sharedWith) {
        snapshots.put(id, new Shared(new TreeSet<>(List.of(sharedWith)), new LinkedHashMap<>()));
        return this;
    }

    /** An image shared with these permissions. */
    public FakeEc2Shares image(String id, String... sharedWith) {
        images.put(id, new Shared(new TreeSet<>(List.of(sharedWith)), new LinkedHashMap<>()));
        return this;
    }

    public FakeEc2Shares tag(String id, String key, String value) {
        (id.startsWith("snap-") ? snapshots : images).get(id).tags().put(key, value);
        return this;
    }

    public FakeEc2Shares delete(String id) {
        snapshots.remove(id);
        images.remove(id);
        return this;
    }

    /** The next modify call throws this instead of acting. */
    public FakeEc2Shares failNextModifyWith(Supplier<RuntimeException> fault) {
        this.modifyFault = fault;
        return this;
    }

    public Set<String> sharedWith(String id) {
        return Set.copyOf((id.startsWith("snap-") ? snapshots : images).get(id).with());
    }

    /** The modify calls made: {@code ModifySnapshotAttribute snap-1 remove [111122223333, all]}. */
    public List<String> calls() {
        return calls;
    }

    @Override
    public DescribeSnapshotAttributeResponse describeSnapshotAttribute(DescribeSnapshotAttributeRequest request) {
        Shared snapshot = snapshot(request.snapshotId());
        return DescribeSnapshotAttributeResponse.builder().snapshotId(request.snapshotId())
                .createVolumePermissions(snapshot.with().stream().map(permission -> "all".equals(permission)
                        ? CreateVolumePermission.builder().group("all").build()
                        : CreateVolumePermission.builder().userId(permission).build()).toList())
                .build();
    }

    @Override
    public ModifySnapshotAttributeResponse modifySnapshotAttribute(ModifySnapshotAttributeRequest request) {
        Shared snapshot = snapshot(request.snapshotId());
        Set<String> changed = new TreeSet<>(request.userIds());
        changed.addAll(request.groupNames());
        calls.add("ModifySnapshotAttribute " + request.snapshotId() + " " + request.operationTypeAsString() + " " + changed);
        fault();
        change(snapshot, request.operationType() == OperationType.ADD, changed);
        return ModifySnapshotAttributeResponse.builder().build();
    }

    @Override
    public DescribeSnapshotsResponse describeSnapshots(DescribeSnapshotsRequest request) {
        String id = request.snapshotIds().get(0);
        return DescribeSnapshotsResponse.builder().snapshots(Snapshot.builder().snapshotId(id)
                .tags(tags(snapshot(id))).build()).build();
    }

    @Override
    public DescribeImageAttributeResponse describeImageAttribute(DescribeImageAttributeRequest request) {
        Shared image = image(request.imageId());
        return DescribeImageAttributeResponse.builder().imageId(request.imageId())
                .launchPermissions(image.with().stream().map(FakeEc2Shares::launchPermission).toList()).build();
    }

    @Override
    public ModifyImageAttributeResponse modifyImageAttribute(ModifyImageAttributeRequest request) {
        Shared image = image(request.imageId());
        Set<String> added = new TreeSet<>();
        Set<String> removed = new TreeSet<>();
        if (request.launchPermission() != null) {
            request.launchPermission().add().forEach(permission -> added.add(permission(permission)));
            request.launchPermission().remove().forEach(permission -> removed.add(permission(permission)));
        }
        calls.add("ModifyImageAttribute " + request.imageId() + (added.isEmpty() ? "" : " add " + added)
                + (removed.isEmpty() ? "" : " remove " + removed));
        fault();
        change(image, true, added);
        change(image, false, removed);
        return ModifyImageAttributeResponse.builder().build();
    }

    @Override
    public DescribeImagesResponse describeImages(DescribeImagesRequest request) {
        String id = request.imageIds().get(0);
        return DescribeImagesResponse.builder().images(Image.builder().imageId(id).tags(tags(image(id))).build()).build();
    }

    private void fault() {
        if (modifyFault != null) {
            RuntimeException fault = modifyFault.get();
            modifyFault = null;
            throw fault;
        }
    }

    private static void change(Shared shared, boolean add, Set<String> permissions) {
        if (add) {
            shared.with().addAll(permissions);
        } else {
            shared.with().removeAll(permissions);
        }
    }

    private Shared snapshot(String id) {
        Shared snapshot = snapshots.get(id);
        if (snapshot == null) {
            throw FakeEc2.error("InvalidSnapshot.NotFound", 400);
        }
        return snapshot;
    }

    private Shared image(String id) {
        Shared image = images.get(id);
        if (image == null) {
            throw FakeEc2.error("InvalidAMIID.NotFound", 400);
        }
        return image;
    }

    private static List<Tag> tags(Shared shared) {
        return shared.tags().entrySet().stream().map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
                .toList();
    }

    private static String permission(LaunchPermission permission) {
        if (permission.userId() != null) {
            return permission.userId();
        }
        if (permission.group() != null) {
            return permission.groupAsString();
        }
        return permission.organizationArn() != null ? permission.organizationArn() : permission.organizationalUnitArn();
    }

    private static LaunchPermission launchPermission(String permission) {
        if ("all".equals(permission)) {
            return LaunchPermission.builder().group("all").build();
        }
        if (permission.contains(":organization/")) {
            return LaunchPermission.builder().organizationArn(permission).build();
        }
        if (permission.contains(":ou/")) {
            return LaunchPermission.builder().organizationalUnitArn(permission).build();
        }
        return LaunchPermission.builder().userId(permission).build();
    }

    @Override
    public String serviceName() {
        return "ec2";
    }

    @Override
    public void close() {
    }
}
