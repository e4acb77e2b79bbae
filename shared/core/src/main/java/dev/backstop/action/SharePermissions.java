package dev.backstop.action;

import dev.backstop.event.CloudTrailEvent;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A kind of resource its owner shares with other accounts through a list of permissions (an EBS
 * snapshot's volume permissions, an image's launch permissions, an RDS snapshot's restore
 * attribute), as {@link UnshareAction} reads and changes it. Each permission is written as
 * {@link SharedWith} writes it: an account id, {@value SharedWith#EVERYONE}, or an organization's or
 * OU's ARN. The action family that owns the resource's SDK implements it.
 */
public interface SharePermissions {

    /** The resource in words, for the audit record: "EBS snapshot". */
    String kind();

    /** The API call that changes the permissions, for the undo data: "ModifySnapshotAttribute". */
    String call();

    /** The resource's id in the event's request; a {@link dev.backstop.event.MalformedEventException} when missing. */
    String id(CloudTrailEvent event);

    /** The resource's ARN, for the audit record and exemptions. */
    String arn(CloudTrailEvent event, String id);

    /** The permissions the event's request added; none for a call that added none. */
    Set<String> added(CloudTrailEvent event);

    /** Who the resource is shared with now; empty when the resource is gone. */
    Optional<Set<String>> read(String id);

    void remove(String id, Set<String> permissions);

    void add(String id, Set<String> permissions);

    /** The resource's tags, for rules that exempt by tag; {@code arn} as {@link #arn} made it. */
    Map<String, String> tags(String id, String arn);
}
