package dev.backstop.action.s3;

import static dev.backstop.action.s3.S3Samples.event;
import static dev.backstop.action.s3.S3Samples.requestParameters;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.UndoFormat;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeS3;
import dev.backstop.testing.SampleEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** s3.remove-outside-policy-statements from the sample in events/s3, against S3 faked at its SDK edge. */
class RemoveOutsidePolicyStatementsActionTest {

    private static final String SAMPLE = "put-bucket-policy-outside-account.json";
    private static final String BUCKET = "acme-exports";
    private static final ActionSpec SPEC = new ActionSpec(RemoveOutsidePolicyStatementsAction.NAME, Map.of());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeS3 s3 = new FakeS3().bucket(BUCKET).policy(BUCKET, samplePolicy());
    private final BucketPolicyHistory history = new BucketPolicyHistory(new FakePolicyTable(), S3Samples.SETTINGS);

    private RemoveOutsidePolicyStatementsAction action(TrustedSet trusted) {
        return new RemoveOutsidePolicyStatementsAction(new Buckets(s3), history, S3Samples.SETTINGS.withTrusted(trusted),
                Clock.fixed(Instant.parse("2026-11-21T09:12:30Z"), ZoneOffset.UTC));
    }

    private final RemoveOutsidePolicyStatementsAction action = action(TrustedSet.none());

    private static String samplePolicy() {
        return SampleEvents.read("s3/" + SAMPLE).at("/detail/requestParameters/bucketPolicy").toString();
    }

    private static CloudTrailEvent sample(Consumer<ObjectNode> edit) {
        return event(SAMPLE, edit);
    }

    private static ArrayNode statements(ObjectNode event) {
        return (ArrayNode) requestParameters(event).get("bucketPolicy").get("Statement");
    }

    private java.util.List<String> sids() {
        return BucketPolicy.parse(s3.policy(BUCKET)).statements().stream().map(s -> s.path("Sid").asText()).toList();
    }

    @Test
    void removesTheStatementGrantingAnOutsideAccountAndKeepsTheRest() {
        ActionPlan plan = action.plan(sample(e -> { }), SPEC);
        action.apply(plan);

        assertThat(plan.change()).isEqualTo("PutBucketPolicy on arn:aws:s3:::acme-exports: remove 1 statement(s) granting"
                + " an outside account (CopyOut), keep 2");
        assertThat(plan.before().facts()).containsEntry("outsideStatements", "1").containsEntry("outsideSids", "CopyOut");
        assertThat(sids()).containsExactly("DenyInsecureTransport", "AnalyticsReads");
        assertThat(action.readBack(plan).compliant()).isTrue();
        assertThat(history.latest("arn:aws:s3:::" + BUCKET).orElseThrow().source())
                .isEqualTo("backstop:s3.remove-outside-policy-statements");
    }

    @Test
    void undoPutsTheStatementBackWhereItWas() {
        ActionPlan plan = action.plan(sample(e -> { }), SPEC);
        action.apply(plan);

        assertThat(action.undo(UndoFormat.write(plan.undo())).facts()).isEqualTo(plan.before().facts());
        assertThat(sids()).containsExactly("DenyInsecureTransport", "AnalyticsReads", "CopyOut");
    }

    @Test
    void aStatementOpenToEveryoneIsLeftToThePublicRule() throws Exception {
        s3.policy(BUCKET, "{\"Statement\":[{\"Sid\":\"Anyone\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":"
                + "\"s3:GetObject\",\"Resource\":\"*\"},{\"Sid\":\"CopyOut\",\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::999988887777:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}");

        action.apply(action.plan(sample(e -> { }), SPEC));

        assertThat(sids()).containsExactly("Anyone");
    }

    @Test
    void aPolicyGrantingTrustedAccountsOnlyIsNoMatch() {
        CloudTrailEvent event = sample(e -> { });

        assertThat(action.appliesTo(event, SPEC)).isTrue();
        assertThat(action(new TrustedSet(Optional.empty(), Set.of("999988887777"))).appliesTo(event, SPEC)).isFalse();
        assertThat(action.appliesTo(sample(e -> ((ObjectNode) statements(e).get(2)).set("Condition", json(
                "{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abcdef1234\"}}"))), SPEC)).isTrue();
        assertThat(action(new TrustedSet(Optional.of("o-abcdef1234"), Set.of())).appliesTo(sample(e -> ((ObjectNode) statements(e)
                .get(2)).set("Condition", json("{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abcdef1234\"}}"))), SPEC))
                .as("confined to the trusted organization").isFalse();
    }

    @Test
    void aPolicyTheEventCannotShowIsJudgedFromTheBucket() {
        CloudTrailEvent event = sample(e -> requestParameters(e).put("bucketPolicy", "{not json"));

        assertThat(action.appliesTo(event, SPEC)).isTrue();
        assertThat(action.plan(event, SPEC).changeNeeded()).isTrue();
    }

    @Test
    void aPolicyAsTheEventCarriesItInAStringIsReadToo() {
        CloudTrailEvent event = sample(e -> requestParameters(e).put("bucketPolicy",
                requestParameters(e).get("bucketPolicy").toString()));

        assertThat(action.appliesTo(event, SPEC)).isTrue();
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
