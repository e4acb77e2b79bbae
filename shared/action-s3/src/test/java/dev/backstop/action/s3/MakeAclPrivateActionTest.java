package dev.backstop.action.s3;

import static dev.backstop.action.s3.S3Samples.ACL_BUCKET;
import static dev.backstop.action.s3.S3Samples.event;
import static dev.backstop.testing.FakeS3.OWNER_ID;
import static dev.backstop.testing.FakeS3.grant;
import static dev.backstop.testing.FakeS3.groupGrant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.action.ActionPlan;
import dev.backstop.action.UndoFormat;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeS3;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.Type;

class MakeAclPrivateActionTest {

    private static final ActionSpec SPEC = new ActionSpec(MakeAclPrivateAction.NAME, Map.of());
    private static final Grant OWNER = grant(Grantee.builder().type(Type.CANONICAL_USER).id(OWNER_ID).build(),
            Permission.FULL_CONTROL);
    private static final Grant LOG_WRITE = groupGrant(BucketAcl.LOG_DELIVERY, Permission.WRITE);
    private static final Grant LOG_READ_ACP = groupGrant(BucketAcl.LOG_DELIVERY, Permission.READ_ACP);
    private static final Grant EVERYONE_READS = groupGrant(BucketAcl.ALL_USERS, Permission.READ);
    private static final Grant ANY_ACCOUNT_WRITES = groupGrant(BucketAcl.AUTHENTICATED_USERS, Permission.WRITE);
    private static final Grant PARTNER_READS = grant(Grantee.builder().type(Type.CANONICAL_USER)
            .id("a3d9f1c2b4e6a8d0c2e4f6a8b0d2e4f6a8c0e2f4a6b8d0e2f4a6c8e0a2c4e6f8").build(), Permission.READ);

    private final FakeS3 s3 = new FakeS3().bucket(ACL_BUCKET)
            .grants(ACL_BUCKET, OWNER, LOG_WRITE, LOG_READ_ACP, EVERYONE_READS, ANY_ACCOUNT_WRITES, PARTNER_READS);
    private final MakeAclPrivateAction action = new MakeAclPrivateAction(new Buckets(s3));

    @Test
    void resetsToPrivateKeepingTheOwnersAndLogDeliverysGrants() {
        ActionPlan plan = action.plan(event("put-bucket-acl.json"), SPEC);
        action.apply(plan);

        assertThat(plan.changeNeeded()).isTrue();
        assertThat(plan.before().facts()).containsEntry("publicGrants", "AllUsers:READ, AuthenticatedUsers:WRITE")
                .containsEntry("grants", "6");
        assertThat(plan.change()).isEqualTo("PutBucketAcl on arn:aws:s3:::acme-build-artifacts: private, keeping the"
                + " owner's and log delivery's grants; removes AllUsers:READ, AuthenticatedUsers:WRITE");
        assertThat(s3.grants(ACL_BUCKET)).containsExactly(OWNER, LOG_WRITE, LOG_READ_ACP);
        assertThat(action.readBack(plan).facts()).containsEntry("publicGrants", "none").containsEntry("grants", "3");
        assertThat(action.readBack(plan).compliant()).isTrue();
    }

    @Test
    void givesTheOwnerFullControlWhenThePublicAclHadDroppedIt() {
        s3.grants(ACL_BUCKET, EVERYONE_READS);

        action.apply(action.plan(event("put-bucket-acl.json"), SPEC));

        assertThat(s3.grants(ACL_BUCKET)).containsExactly(OWNER);
    }

    @Test
    void undoPutsThePreviousGrantsBack() {
        ActionPlan plan = action.plan(event("put-bucket-acl.json"), SPEC);
        action.apply(plan);

        assertThat(action.undo(UndoFormat.write(plan.undo())).facts()).containsAllEntriesOf(plan.before().facts());
        assertThat(s3.grants(ACL_BUCKET))
                .containsExactly(OWNER, LOG_WRITE, LOG_READ_ACP, EVERYONE_READS, ANY_ACCOUNT_WRITES, PARTNER_READS);
    }

    @Test
    void plansFromTheAclTheBucketHasNowWhateverTheCallSent() {
        s3.grants(ACL_BUCKET, OWNER, LOG_WRITE);

        ActionPlan plan = action.plan(event("put-bucket-acl.json", e -> {
            S3Samples.requestParameters(e).remove("AccessControlPolicy");
            S3Samples.requestParameters(e).putArray("x-amz-acl").add("public-read");
        }), SPEC);

        assertThat(plan.changeNeeded()).isFalse();
        assertThat(s3.calls()).containsExactly("GetBucketAcl");
    }

    @Test
    void aBucketThatIsGoneIsReportedSo() {
        ActionPlan plan = action.plan(event("put-bucket-acl.json",
                e -> S3Samples.requestParameters(e).put("bucketName", "gone")), SPEC);

        assertThat(plan.before().exists()).isFalse();
    }
}
