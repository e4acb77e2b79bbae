package dev.backstop.action.s3;

import static dev.backstop.action.s3.S3Samples.ACCOUNT;
import static dev.backstop.action.s3.S3Samples.BLOCK_BUCKET;
import static dev.backstop.action.s3.S3Samples.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.action.ActionPlan;
import dev.backstop.action.UndoFormat;
import dev.backstop.action.ResourceState;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeS3;
import dev.backstop.testing.FakeS3Control;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

class BlockPublicAccessActionTest {

    private static final ActionSpec ALL_FOUR = new ActionSpec(BlockPublicAccessAction.NAME, Map.of());
    private static final PublicAccessBlockConfiguration POLICY_OFF = PublicAccessBlockConfiguration.builder()
            .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(false).restrictPublicBuckets(true).build();

    private final FakeS3 s3 = new FakeS3().bucket(BLOCK_BUCKET).block(BLOCK_BUCKET, POLICY_OFF);
    private final FakeS3Control s3Control = new FakeS3Control();
    private final BlockPublicAccessAction action = new BlockPublicAccessAction(new Buckets(s3), () -> s3Control);

    @Test
    void turnsTheBucketsSettingsBackOn() {
        ActionPlan plan = action.plan(event("put-bucket-public-access-block.json"), ALL_FOUR);
        action.apply(plan);

        assertThat(plan.resource()).isEqualTo("arn:aws:s3:::acme-web-assets");
        assertThat(plan.change()).isEqualTo("PutPublicAccessBlock on arn:aws:s3:::acme-web-assets: turn on blockPublicPolicy");
        assertThat(plan.before().facts()).containsEntry("blockPublicPolicy", "false").containsEntry("configured", "true");
        assertThat(s3.block(BLOCK_BUCKET).blockPublicPolicy()).isTrue();
        ResourceState after = action.readBack(plan);
        assertThat(after.compliant()).isTrue();
        assertThat(after.facts()).containsEntry("blockPublicPolicy", "true");
        assertThat(plan.undo(BlockPublicAccessUndo.class).turnOn()).containsExactly("blockPublicPolicy");
    }

    @Test
    void aDeletedConfigurationIsPutBackWithAllFourOnAndUndoDeletesItAgain() {
        s3.block(BLOCK_BUCKET, null);

        ActionPlan plan = action.plan(event("delete-bucket-public-access-block.json"), ALL_FOUR);
        action.apply(plan);

        assertThat(plan.before().facts()).containsEntry("configured", "false");
        assertThat(s3.block(BLOCK_BUCKET)).isEqualTo(PublicAccessBlockConfiguration.builder().blockPublicAcls(true)
                .ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true).build());
        assertThat(plan.undo().call()).isEqualTo("DeletePublicAccessBlock");
        assertThat(plan.undo(BlockPublicAccessUndo.class).bucket()).isEqualTo(BLOCK_BUCKET);
        assertThat(action.undo(UndoFormat.write(plan.undo())).facts()).containsAllEntriesOf(plan.before().facts());
        assertThat(s3.block(BLOCK_BUCKET)).isNull();
    }

    @Test
    void undoPutsThePreviousSettingsBack() {
        ActionPlan plan = action.plan(event("put-bucket-public-access-block.json"), ALL_FOUR);
        action.apply(plan);

        ResourceState after = action.undo(UndoFormat.write(plan.undo()));

        assertThat(s3.block(BLOCK_BUCKET)).isEqualTo(POLICY_OFF);
        assertThat(after.facts()).containsAllEntriesOf(plan.before().facts());
    }

    @Test
    void aSettingTheRuleSetsFalseIsNeitherForcedOnNorTurnedOff() {
        s3.block(BLOCK_BUCKET, POLICY_OFF.toBuilder().blockPublicAcls(false).build());
        ActionSpec keepAcls = new ActionSpec(BlockPublicAccessAction.NAME, Map.of("blockPublicAcls", false));

        ActionPlan plan = action.plan(event("put-bucket-public-access-block.json"), keepAcls);
        action.apply(plan);

        assertThat(s3.block(BLOCK_BUCKET).blockPublicAcls()).isFalse();
        assertThat(s3.block(BLOCK_BUCKET).blockPublicPolicy()).isTrue();
        assertThat(action.readBack(plan).compliant()).isTrue();
        assertThat(action.plan(event("put-bucket-public-access-block.json"), keepAcls).changeNeeded()).isFalse();
    }

    @Test
    void aPutThatDoesNotStickIsNotCompliant() {
        s3.ignoreWrites();

        ActionPlan plan = action.plan(event("put-bucket-public-access-block.json"), ALL_FOUR);
        action.apply(plan);

        assertThat(action.readBack(plan).compliant()).isFalse();
    }

    @Test
    void blocksPublicAccessForTheAccountAtTheSdkEdge() {
        s3Control.block(ACCOUNT, software.amazon.awssdk.services.s3control.model.PublicAccessBlockConfiguration.builder()
                .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(false).restrictPublicBuckets(false).build());

        ActionPlan plan = action.plan(event("put-account-public-access-block.json"), ALL_FOUR);
        action.apply(plan);

        assertThat(plan.resource()).isEqualTo("AWS::::Account:123456789012");
        assertThat(plan.address()).isEqualTo(ACCOUNT);
        assertThat(plan.change()).endsWith("turn on blockPublicPolicy, restrictPublicBuckets");
        assertThat(s3Control.block(ACCOUNT).blockPublicPolicy()).isTrue();
        assertThat(s3Control.block(ACCOUNT).restrictPublicBuckets()).isTrue();
        assertThat(action.readBack(plan).compliant()).isTrue();
        assertThat(action.tags(plan)).isEmpty();
        assertThat(s3.calls()).isEmpty();
    }

    @Test
    void undoesTheAccountChangeAtTheSdkEdge() {
        ActionPlan plan = action.plan(event("put-account-public-access-block.json",
                e -> e.with("detail").put("eventName", "DeleteAccountPublicAccessBlock")), ALL_FOUR);
        action.apply(plan);

        assertThat(plan.undo().call()).isEqualTo("DeletePublicAccessBlock");
        assertThat(plan.undo(BlockPublicAccessUndo.class).accountId()).isEqualTo(ACCOUNT);
        action.undo(UndoFormat.write(plan.undo()));

        assertThat(s3Control.block(ACCOUNT)).isNull();
        assertThat(s3Control.calls()).containsExactly("GetPublicAccessBlock 123456789012",
                "PutPublicAccessBlock 123456789012", "DeletePublicAccessBlock 123456789012",
                "GetPublicAccessBlock 123456789012");
    }

    @Test
    void aBucketThatIsGoneIsReportedSo() {
        ActionPlan plan = action.plan(event("delete-bucket-public-access-block.json",
                e -> S3Samples.requestParameters(e).put("bucketName", "gone")), ALL_FOUR);

        assertThat(plan.before().exists()).isFalse();
    }
}
