package dev.backstop.action.s3;

import static dev.backstop.action.s3.S3Samples.ACCOUNT;
import static dev.backstop.action.s3.S3Samples.ACL_BUCKET;
import static dev.backstop.action.s3.S3Samples.BLOCK_BUCKET;
import static dev.backstop.action.s3.S3Samples.POLICY_BUCKET;
import static dev.backstop.action.s3.S3Samples.POLICY_BUCKET_ARN;
import static dev.backstop.action.s3.S3Samples.event;
import static dev.backstop.testing.FakeS3.OWNER_ID;
import static dev.backstop.testing.FakeS3.grant;
import static dev.backstop.testing.FakeS3.groupGrant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeS3;
import dev.backstop.testing.FakeS3Control;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.UndoGolden;
import dev.backstop.testing.UndoGolden.Applied;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ReplicationConfiguration;
import software.amazon.awssdk.services.s3.model.ReplicationRule;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * The undo data each S3 action stores, against golden files of every version it was stored in
 * (version 1 captured from the code before undo data was typed), and undone from each.
 */
class UndoPayloadsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T11:17:55Z"), ZoneOffset.UTC);

    private static ActionSpec spec(String action) {
        return new ActionSpec(action, Map.of());
    }

    @Test
    void removePublicPolicyStatementsIsUndoneFromEveryVersionOfItsUndoData() {
        UndoGolden.assertEveryVersionIsUndone(RemovePublicPolicyStatementsAction.NAME,
                RemovePublicPolicyStatementsUndo.FORMAT, () -> {
                    FakeS3 s3 = new FakeS3().bucket(POLICY_BUCKET).policy(POLICY_BUCKET, S3Samples.samplePolicy());
                    var action = new RemovePublicPolicyStatementsAction(new Buckets(s3),
                            new BucketPolicyHistory(new FakePolicyTable(), S3Samples.SETTINGS), CLOCK);
                    return Applied.apply(action, action.plan(event("put-bucket-policy.json"),
                            spec(RemovePublicPolicyStatementsAction.NAME)),
                            () -> BucketPolicy.parse(s3.policy(POLICY_BUCKET)));
                });
    }

    @Test
    void removeOutsidePolicyStatementsIsUndoneFromVersionTwoOn() {
        String sample = "put-bucket-policy-outside-account.json";
        UndoGolden.assertEveryVersionIsUndone(RemoveOutsidePolicyStatementsAction.NAME,
                RemoveOutsidePolicyStatementsUndo.FORMAT, 2, () -> {
                    FakeS3 s3 = new FakeS3().bucket("acme-exports").policy("acme-exports",
                            SampleEvents.read("s3/" + sample).at("/detail/requestParameters/bucketPolicy").toString());
                    var action = new RemoveOutsidePolicyStatementsAction(new Buckets(s3),
                            new BucketPolicyHistory(new FakePolicyTable(), S3Samples.SETTINGS), S3Samples.SETTINGS, CLOCK);
                    return Applied.apply(action, action.plan(event(sample),
                            spec(RemoveOutsidePolicyStatementsAction.NAME)),
                            () -> BucketPolicy.parse(s3.policy("acme-exports")));
                });
    }

    @Test
    void removeOutsideReplicationKeepingTheOwnRuleIsUndoneFromVersionTwoOn() {
        UndoGolden.assertEveryVersionIsUndone(RemoveOutsideReplicationAction.NAME, RemoveOutsideReplicationUndo.FORMAT, 2,
                () -> {
                    FakeS3 s3 = new FakeS3().bucket("acme-exports").bucket("acme-backups").replication("acme-exports",
                            ReplicationConfiguration.builder().role("arn:aws:iam::123456789012:role/s3-replication")
                                    .rules(replicationRule("copy-out", 1, "arn:aws:s3:::drop-zone-eu", "999988887777"),
                                            replicationRule("backup", 2, "arn:aws:s3:::acme-backups", null))
                                    .build());
                    var action = new RemoveOutsideReplicationAction(new Buckets(s3), new Replication(s3),
                            S3Samples.SETTINGS);
                    return Applied.apply(action, action.plan(event("put-bucket-replication-outside.json"),
                            spec(RemoveOutsideReplicationAction.NAME)), () -> s3.replication("acme-exports"));
                });
    }

    private static ReplicationRule replicationRule(String id, int priority, String bucket, String account) {
        return ReplicationRule.builder().id(id).priority(priority).status("Enabled").filter(filter -> filter.prefix(""))
                .deleteMarkerReplication(marker -> marker.status("Disabled"))
                .destination(destination -> destination.bucket(bucket).account(account)).build();
    }

    @Test
    void makeAclPrivateIsUndoneFromEveryVersionOfItsUndoData() {
        UndoGolden.assertEveryVersionIsUndone(MakeAclPrivateAction.NAME, MakeAclPrivateUndo.FORMAT, () -> {
            FakeS3 s3 = new FakeS3().bucket(ACL_BUCKET).grants(ACL_BUCKET,
                    grant(Grantee.builder().type(Type.CANONICAL_USER).id(OWNER_ID).build(), Permission.FULL_CONTROL),
                    groupGrant(BucketAcl.LOG_DELIVERY, Permission.WRITE), groupGrant(BucketAcl.ALL_USERS, Permission.READ));
            var action = new MakeAclPrivateAction(new Buckets(s3));
            return Applied.apply(action, action.plan(event("put-bucket-acl.json"), spec(MakeAclPrivateAction.NAME)),
                    () -> s3.grants(ACL_BUCKET));
        });
    }

    @Test
    void blockPublicAccessOfABucketIsUndoneFromEveryVersionOfItsUndoData() {
        UndoGolden.assertEveryVersionIsUndone(BlockPublicAccessAction.NAME + ".bucket", BlockPublicAccessUndo.FORMAT, () -> {
            FakeS3 s3 = new FakeS3().bucket(BLOCK_BUCKET).block(BLOCK_BUCKET, PublicAccessBlockConfiguration.builder()
                    .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(false).restrictPublicBuckets(true)
                    .build());
            var action = new BlockPublicAccessAction(new Buckets(s3), FakeS3Control::new);
            return Applied.apply(action, action.plan(event("put-bucket-public-access-block.json"),
                    spec(BlockPublicAccessAction.NAME)), () -> s3.block(BLOCK_BUCKET));
        });
    }

    @Test
    void blockPublicAccessOfTheAccountIsUndoneFromEveryVersionOfItsUndoData() {
        UndoGolden.assertEveryVersionIsUndone(BlockPublicAccessAction.NAME + ".account", BlockPublicAccessUndo.FORMAT, () -> {
            FakeS3Control s3Control = new FakeS3Control();
            var action = new BlockPublicAccessAction(new Buckets(new FakeS3()), () -> s3Control);
            return Applied.apply(action, action.plan(event("put-account-public-access-block.json",
                    e -> e.with("detail").put("eventName", "DeleteAccountPublicAccessBlock")),
                    spec(BlockPublicAccessAction.NAME)), () -> String.valueOf(s3Control.block(ACCOUNT)));
        });
    }

    @Test
    void restoreBucketPolicyIsUndoneFromEveryVersionOfItsUndoData() {
        UndoGolden.assertEveryVersionIsUndone(RestoreBucketPolicyAction.NAME, RestoreBucketPolicyUndo.FORMAT, () -> {
            BucketPolicyHistory history = new BucketPolicyHistory(new FakePolicyTable(), S3Samples.SETTINGS);
            history.record(POLICY_BUCKET_ARN, S3Samples.samplePolicy(), Instant.parse("2026-11-20T10:02:29Z"), "event-1");
            FakeS3 s3 = new FakeS3().bucket(POLICY_BUCKET);
            var action = new RestoreBucketPolicyAction(new Buckets(s3), history, CLOCK);
            return Applied.apply(action, action.plan(event("delete-bucket-policy.json"),
                    spec(RestoreBucketPolicyAction.NAME)), () -> String.valueOf(s3.policy(POLICY_BUCKET)));
        });
    }

    @Test
    void restoreLifecycleStoresBothConfigurationsAsRulesInVersionTwo() {
        LifecycleRule tidy = LifecycleRule.builder().id("tidy").status(ExpirationStatus.ENABLED)
                .filter(filter -> filter.prefix("")).expiration(expiration -> expiration.days(1)).build();
        LifecycleRule archive = LifecycleRule.builder().id("archive").status(ExpirationStatus.ENABLED)
                .filter(filter -> filter.prefix("AWSLogs/")).expiration(expiration -> expiration.days(730)).build();
        RestoreLifecycleUndo undo = new RestoreLifecycleUndo("acme-trail-logs", new LifecycleRules(List.of(tidy)).tree(),
                new LifecycleRules(List.of(archive)).tree(), 365);

        UndoGolden.assertStoredAs(RestoreLifecycleAction.NAME, RestoreLifecycleUndo.FORMAT, undo);
        assertThat(undo.beforeRules().rules()).containsExactly(tidy);
        assertThat(undo.restoredRules().rules()).containsExactly(archive);
    }
}
