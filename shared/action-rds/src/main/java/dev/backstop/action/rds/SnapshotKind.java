package dev.backstop.action.rds;

import dev.backstop.aws.Partitions;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.regions.Region;

/**
 * What DB and cluster snapshots share: how a call names the snapshot, its ARN, and the values of
 * the {@code restore} attribute it added (account ids, or {@code all} for everyone).
 */
final class SnapshotKind {

    static final String RESTORE = "restore";

    private final String idField;
    private final String arnKind;

    /**
     * @param idField the request field naming the snapshot, such as {@code dBSnapshotIdentifier}
     * @param arnKind the ARN's resource type: {@code snapshot} or {@code cluster-snapshot}
     */
    SnapshotKind(String idField, String arnKind) {
        this.idField = idField;
        this.arnKind = arnKind;
    }

    String id(CloudTrailEvent event) {
        String id = event.detail().requestParameters().path(idField).asText("").trim();
        if (id.isEmpty()) {
            throw new MalformedEventException("detail.requestParameters." + idField,
                    "is missing; the snapshot is unknown");
        }
        return id;
    }

    /** The snapshot's ARN; an identifier given as an ARN already is one. */
    String arn(CloudTrailEvent event, String id, Region region) {
        if (id.startsWith("arn:")) {
            return id;
        }
        return "arn:" + Partitions.of(region) + ":rds:" + event.region() + ":" + event.account() + ":" + arnKind + ":" + id;
    }

    /** The values added to the restore attribute: none for another attribute, or for a call that only removed. */
    static Set<String> added(CloudTrailEvent event) {
        Set<String> added = new TreeSet<>();
        if (RESTORE.equals(event.detail().requestParameters().path("attributeName").asText())) {
            event.detail().requestParameters().path("valuesToAdd").forEach(value -> added.add(value.asText()));
        }
        return added;
    }
}
