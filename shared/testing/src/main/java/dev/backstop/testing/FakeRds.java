package dev.backstop.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshotAttribute;
import software.amazon.awssdk.services.rds.model.DBSnapshotAttribute;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotAttributesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotAttributesResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotAttributesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotAttributesResponse;
import software.amazon.awssdk.services.rds.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.rds.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterSnapshotAttributeRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterSnapshotAttributeResponse;
import software.amazon.awssdk.services.rds.model.ModifyDbSnapshotAttributeRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbSnapshotAttributeResponse;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * RDS DB and cluster snapshots' {@code restore} attribute at the SDK edge, as RDS documents it:
 * {@code DBSnapshotNotFound} and {@code DBClusterSnapshotNotFoundFault} for a missing snapshot;
 * tags by ARN.
 */
public final class FakeRds implements RdsClient {

    private final Map<String, Set<String>> snapshots = new LinkedHashMap<>();
    private final Map<String, Set<String>> clusterSnapshots = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> tags = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();

    public FakeRds snapshot(String id, String... restoreBy) {
        snapshots.put(id, new TreeSet<>(List.of(restoreBy)));
        return this;
    }

    public FakeRds clusterSnapshot(String id, String... restoreBy) {
        clusterSnapshots.put(id, new TreeSet<>(List.of(restoreBy)));
        return this;
    }

    public FakeRds tag(String arn, String key, String value) {
        tags.computeIfAbsent(arn, any -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    public Set<String> restoreBy(String id) {
        return Set.copyOf(snapshots.containsKey(id) ? snapshots.get(id) : clusterSnapshots.get(id));
    }

    /** The modify calls made: {@code ModifyDBSnapshotAttribute orders add [111122223333]}. */
    public List<String> calls() {
        return calls;
    }

    @Override
    public DescribeDbSnapshotAttributesResponse describeDBSnapshotAttributes(DescribeDbSnapshotAttributesRequest request) {
        Set<String> values = snapshot(request.dbSnapshotIdentifier());
        return DescribeDbSnapshotAttributesResponse.builder().dbSnapshotAttributesResult(result -> result
                .dbSnapshotIdentifier(request.dbSnapshotIdentifier())
                .dbSnapshotAttributes(DBSnapshotAttribute.builder().attributeName("restore").attributeValues(values).build()))
                .build();
    }

    @Override
    public ModifyDbSnapshotAttributeResponse modifyDBSnapshotAttribute(ModifyDbSnapshotAttributeRequest request) {
        Set<String> values = snapshot(request.dbSnapshotIdentifier());
        change("ModifyDBSnapshotAttribute " + request.dbSnapshotIdentifier(), values, request.attributeName(),
                request.valuesToAdd(), request.valuesToRemove());
        return ModifyDbSnapshotAttributeResponse.builder().build();
    }

    @Override
    public DescribeDbClusterSnapshotAttributesResponse describeDBClusterSnapshotAttributes(
            DescribeDbClusterSnapshotAttributesRequest request) {
        Set<String> values = clusterSnapshot(request.dbClusterSnapshotIdentifier());
        return DescribeDbClusterSnapshotAttributesResponse.builder().dbClusterSnapshotAttributesResult(result -> result
                .dbClusterSnapshotIdentifier(request.dbClusterSnapshotIdentifier())
                .dbClusterSnapshotAttributes(DBClusterSnapshotAttribute.builder().attributeName("restore")
                        .attributeValues(values).build()))
                .build();
    }

    @Override
    public ModifyDbClusterSnapshotAttributeResponse modifyDBClusterSnapshotAttribute(
            ModifyDbClusterSnapshotAttributeRequest request) {
        Set<String> values = clusterSnapshot(request.dbClusterSnapshotIdentifier());
        change("ModifyDBClusterSnapshotAttribute " + request.dbClusterSnapshotIdentifier(), values,
                request.attributeName(), request.valuesToAdd(), request.valuesToRemove());
        return ModifyDbClusterSnapshotAttributeResponse.builder().build();
    }

    @Override
    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        return ListTagsForResourceResponse.builder().tagList(tags.getOrDefault(request.resourceName(), Map.of())
                .entrySet().stream().map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build()).toList())
                .build();
    }

    private void change(String call, Set<String> values, String attribute, List<String> add, List<String> remove) {
        if (!"restore".equals(attribute)) {
            throw new UnsupportedOperationException("the fake changes the restore attribute only, not " + attribute);
        }
        calls.add(call + (add.isEmpty() ? "" : " add " + new TreeSet<>(add)) + (remove.isEmpty() ? "" : " remove "
                + new TreeSet<>(remove)));
        values.addAll(add);
        values.removeAll(remove);
    }

    private Set<String> snapshot(String id) {
        Set<String> values = snapshots.get(id);
        if (values == null) {
            throw DbSnapshotNotFoundException.builder().statusCode(404).message("DBSnapshot " + id + " not found.").build();
        }
        return values;
    }

    private Set<String> clusterSnapshot(String id) {
        Set<String> values = clusterSnapshots.get(id);
        if (values == null) {
            throw DbClusterSnapshotNotFoundException.builder().statusCode(404)
                    .message("DBClusterSnapshot " + id + " not found.").build();
        }
        return values;
    }

    @Override
    public String serviceName() {
        return "rds";
    }

    @Override
    public void close() {
    }
}
