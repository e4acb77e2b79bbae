package dev.backstop.action.s3;

import static dev.backstop.action.s3.S3Samples.ACL_BUCKET;
import static dev.backstop.action.s3.S3Samples.BLOCK_BUCKET;
import static dev.backstop.action.s3.S3Samples.POLICY_BUCKET;
import static dev.backstop.action.s3.S3Samples.POLICY_BUCKET_ARN;
import static dev.backstop.action.s3.S3Samples.event;
import static dev.backstop.testing.FakeS3.OWNER_ID;
import static dev.backstop.testing.FakeS3.grant;
import static dev.backstop.testing.FakeS3.groupGrant;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.action.ActionPlan;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeS3;
import dev.backstop.testing.FakeS3Control;
import dev.backstop.testing.UndoGolden;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.Type;

/** The undo data each S3 action stores, against golden files of every version it was stored in. */
class UndoPayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T11:17:55Z"), ZoneOffset.UTC);

    private static void assertVersion1(String name, ActionPlan plan) {
        UndoGolden.assertGolden(name, 1, JSON.valueToTree(new TreeMap<>(plan.undo())));
    }

    @Test
    void removePublicPolicyStatements() {
        FakeS3 s3 = new FakeS3().bucket(POLICY_BUCKET).policy(POLICY_BUCKET, S3Samples.samplePolicy());
        var action = new RemovePublicPolicyStatementsAction(new Buckets(s3),
                new BucketPolicyHistory(new FakePolicyTable(), S3Samples.SETTINGS), CLOCK);

        assertVersion1(RemovePublicPolicyStatementsAction.NAME, action.plan(event("put-bucket-policy.json"),
                new ActionSpec(RemovePublicPolicyStatementsAction.NAME, Map.of())));
    }

    @Test
    void makeAclPrivate() {
        FakeS3 s3 = new FakeS3().bucket(ACL_BUCKET).grants(ACL_BUCKET,
                grant(Grantee.builder().type(Type.CANONICAL_USER).id(OWNER_ID).build(), Permission.FULL_CONTROL),
                groupGrant(BucketAcl.LOG_DELIVERY, Permission.WRITE), groupGrant(BucketAcl.ALL_USERS, Permission.READ));
        var action = new MakeAclPrivateAction(new Buckets(s3));

        assertVersion1(MakeAclPrivateAction.NAME, action.plan(event("put-bucket-acl.json"),
                new ActionSpec(MakeAclPrivateAction.NAME, Map.of())));
    }

    @Test
    void blockPublicAccessOfABucket() {
        FakeS3 s3 = new FakeS3().bucket(BLOCK_BUCKET).block(BLOCK_BUCKET, PublicAccessBlockConfiguration.builder()
                .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(false).restrictPublicBuckets(true).build());
        var action = new BlockPublicAccessAction(new Buckets(s3), FakeS3Control::new);

        assertVersion1(BlockPublicAccessAction.NAME + ".bucket", action.plan(event("put-bucket-public-access-block.json"),
                new ActionSpec(BlockPublicAccessAction.NAME, Map.of())));
    }

    @Test
    void blockPublicAccessOfTheAccount() {
        FakeS3Control s3Control = new FakeS3Control();
        var action = new BlockPublicAccessAction(new Buckets(new FakeS3()), () -> s3Control);

        assertVersion1(BlockPublicAccessAction.NAME + ".account", action.plan(event("put-account-public-access-block.json",
                e -> e.with("detail").put("eventName", "DeleteAccountPublicAccessBlock")),
                new ActionSpec(BlockPublicAccessAction.NAME, Map.of())));
    }

    @Test
    void restoreBucketPolicy() {
        FakePolicyTable table = new FakePolicyTable();
        BucketPolicyHistory history = new BucketPolicyHistory(table, S3Samples.SETTINGS);
        history.record(POLICY_BUCKET_ARN, S3Samples.samplePolicy(), Instant.parse("2026-11-20T10:02:29Z"), "event-1");
        var action = new RestoreBucketPolicyAction(new Buckets(new FakeS3().bucket(POLICY_BUCKET)), history, CLOCK);

        assertVersion1(RestoreBucketPolicyAction.NAME, action.plan(event("delete-bucket-policy.json"),
                new ActionSpec(RestoreBucketPolicyAction.NAME, Map.of())));
    }
}
