package dev.backstop.action.rds;

import dev.backstop.action.SharePermissions;
import dev.backstop.event.CloudTrailEvent;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.inject.Inject;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.Tag;

/** A DB cluster snapshot's {@code restore} attribute: the accounts that may restore it, or {@code all}. */
final class ClusterSnapshotPermissions implements SharePermissions {

    private static final SnapshotKind KIND = new SnapshotKind("dBClusterSnapshotIdentifier", "cluster-snapshot");

    private final RdsClient rds;
    private final Region region;

    @Inject
    ClusterSnapshotPermissions(RdsClient rds, Region region) {
        this.rds = rds;
        this.region = region;
    }

    @Override
    public String kind() {
        return "DB cluster snapshot";
    }

    @Override
    public String call() {
        return "ModifyDBClusterSnapshotAttribute";
    }

    @Override
    public String id(CloudTrailEvent event) {
        return KIND.id(event);
    }

    @Override
    public String arn(CloudTrailEvent event, String id) {
        return KIND.arn(event, id, region);
    }

    @Override
    public Set<String> added(CloudTrailEvent event) {
        return SnapshotKind.added(event);
    }

    @Override
    public Optional<Set<String>> read(String id) {
        try {
            Set<String> shared = new TreeSet<>();
            rds.describeDBClusterSnapshotAttributes(request -> request.dbClusterSnapshotIdentifier(id))
                    .dbClusterSnapshotAttributesResult()
                    .dbClusterSnapshotAttributes().stream()
                    .filter(attribute -> SnapshotKind.RESTORE.equals(attribute.attributeName()))
                    .forEach(attribute -> shared.addAll(attribute.attributeValues()));
            return Optional.of(shared);
        } catch (DbClusterSnapshotNotFoundException gone) {
            return Optional.empty();
        }
    }

    @Override
    public void remove(String id, Set<String> permissions) {
        if (!permissions.isEmpty()) {
            rds.modifyDBClusterSnapshotAttribute(request -> request.dbClusterSnapshotIdentifier(id)
                    .attributeName(SnapshotKind.RESTORE).valuesToRemove(permissions));
        }
    }

    @Override
    public void add(String id, Set<String> permissions) {
        if (!permissions.isEmpty()) {
            rds.modifyDBClusterSnapshotAttribute(request -> request.dbClusterSnapshotIdentifier(id)
                    .attributeName(SnapshotKind.RESTORE).valuesToAdd(permissions));
        }
    }

    /** RDS lists tags by ARN. */
    @Override
    public Map<String, String> tags(String id, String arn) {
        return rds.listTagsForResource(request -> request.resourceName(arn)).tagList().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value, (first, second) -> first));
    }
}
