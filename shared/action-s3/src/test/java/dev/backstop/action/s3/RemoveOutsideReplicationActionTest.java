package dev.backstop.action.s3;

import static dev.backstop.action.s3.S3Samples.event;
import static dev.backstop.action.s3.S3Samples.requestParameters;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.UndoFormat;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeS3;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ReplicationConfiguration;
import software.amazon.awssdk.services.s3.model.ReplicationRule;

/** s3.remove-outside-replication from the sample in events/s3, against S3 faked at its SDK edge. */
class RemoveOutsideReplicationActionTest {

    private static final String SAMPLE = "put-bucket-replication-outside.json";
    private static final String BUCKET = "acme-exports";
    private static final ActionSpec SPEC = new ActionSpec(RemoveOutsideReplicationAction.NAME, Map.of());
    private static final ReplicationRule OUT = rule("copy-out", 1, "arn:aws:s3:::drop-zone-eu", "999988887777");
    private static final ReplicationRule BACKUP = rule("backup", 2, "arn:aws:s3:::acme-backups", null);
    private static final ReplicationRule PARTNER = rule("partner", 3, "arn:aws:s3:::partner-inbox", "444455556666");
    private static final ReplicationRule UNKNOWN = rule("elsewhere", 4, "arn:aws:s3:::somebody-elses", null);

    private final FakeS3 s3 = new FakeS3().bucket(BUCKET).bucket("acme-backups");
    private final RemoveOutsideReplicationAction action = new RemoveOutsideReplicationAction(new Buckets(s3),
            new Replication(s3), S3Samples.SETTINGS.withTrusted(new TrustedSet(Optional.empty(), Set.of("444455556666"))));
    private final CloudTrailEvent put = event(SAMPLE);

    private static ReplicationRule rule(String id, int priority, String bucket, String account) {
        return ReplicationRule.builder().id(id).priority(priority).status("Enabled").filter(filter -> filter.prefix(""))
                .deleteMarkerReplication(marker -> marker.status("Disabled"))
                .destination(destination -> destination.bucket(bucket).account(account)).build();
    }

    private static ReplicationConfiguration configuration(ReplicationRule... rules) {
        return ReplicationConfiguration.builder().role("arn:aws:iam::123456789012:role/s3-replication").rules(rules).build();
    }

    @Test
    void removesTheRulesToOutsideAccountsAndKeepsTheOwnAndTrustedOnes() {
        s3.replication(BUCKET, configuration(OUT, BACKUP, PARTNER, UNKNOWN));
        ActionPlan plan = action.plan(put, SPEC);
        action.apply(plan);

        assertThat(plan.change()).isEqualTo("PutBucketReplication on arn:aws:s3:::acme-exports: stop replicating to"
                + " copy-out -> arn:aws:s3:::drop-zone-eu (account 999988887777), elsewhere -> arn:aws:s3:::somebody-elses"
                + " (not this account's)");
        assertThat(s3.replication(BUCKET).rules()).containsExactly(BACKUP, PARTNER);
        assertThat(action.readBack(plan).compliant()).isTrue();
    }

    @Test
    void deletesTheConfigurationWhenNothingElseIsLeftAndUndoPutsItBackWhole() {
        ReplicationConfiguration before = configuration(OUT);
        s3.replication(BUCKET, before);
        ActionPlan plan = action.plan(put, SPEC);
        action.apply(plan);

        assertThat(s3.replication(BUCKET)).isNull();
        assertThat(action.readBack(plan).facts()).containsEntry("replication", "none");

        assertThat(action.undo(UndoFormat.write(plan.undo())).facts()).isEqualTo(plan.before().facts());
        assertThat(s3.replication(BUCKET)).isEqualTo(before);
    }

    @Test
    void aRuleAddedSinceThePlanIsKept() {
        s3.replication(BUCKET, configuration(OUT));
        ActionPlan plan = action.plan(put, SPEC);
        s3.replication(BUCKET, configuration(OUT, BACKUP));

        action.apply(plan);

        assertThat(s3.replication(BUCKET).rules()).containsExactly(BACKUP);
    }

    @Test
    void aReplicationToTrustedAccountsOnlyIsNoMatchAndOneWithoutAnAccountIsJudgedFromTheBucket() {
        assertThat(action.appliesTo(put, SPEC)).isTrue();
        assertThat(action.appliesTo(event(SAMPLE, e -> destination(e).put("Account", "444455556666")), SPEC)).isFalse();
        assertThat(action.appliesTo(event(SAMPLE, e -> destination(e).put("Account", "123456789012")), SPEC)).isFalse();
        assertThat(action.appliesTo(event(SAMPLE, e -> destination(e).remove("Account")), SPEC)).isTrue();
    }

    @Test
    void aBucketWithoutReplicationOrGoneNeedsNothing() {
        assertThat(action.plan(put, SPEC).changeNeeded()).isFalse();
        assertThat(action.plan(put, SPEC).before().facts()).containsEntry("replication", "none");

        FakeS3 empty = new FakeS3();
        RemoveOutsideReplicationAction onNothing = new RemoveOutsideReplicationAction(new Buckets(empty),
                new Replication(empty), S3Samples.SETTINGS);
        assertThat(onNothing.plan(put, SPEC).before().exists()).isFalse();
    }

    @Test
    void listsTheAccountsBucketsOnlyForADestinationWithoutAnAccount() {
        s3.replication(BUCKET, configuration(OUT, PARTNER));

        action.plan(put, SPEC);

        assertThat(s3.calls()).doesNotContain("ListBuckets");
    }

    private static ObjectNode destination(ObjectNode event) {
        return (ObjectNode) requestParameters(event).get("ReplicationConfiguration").get("Rule").get("Destination");
    }
}
