package dev.backstop.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.testing.SampleEvents;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What each service's call names, as ARNs, read the way its CloudTrail record spells it. */
class CallTargetsTest {

    private static final String ACCOUNT = "123456789012";
    private static final String SELF_WATCH_ROLE = "arn:aws:iam::" + ACCOUNT
            + ":role/backstop/backstop/backstop-SelfWatchFunctionRole-7M2P4R6T8V0X";

    private static CloudTrailEvent call(String sample) {
        return call(sample, request -> { });
    }

    private static CloudTrailEvent call(String sample, Consumer<ObjectNode> editRequest) {
        return new CloudTrailEventParser().parse(SampleEvents.edited("selfwatch/" + sample,
                event -> editRequest.accept((ObjectNode) event.path("detail").path("requestParameters"))));
    }

    @Test
    void eachServicesCallNamesItsResourceInTheEventsAccountAndRegion() {
        assertThat(CallTargets.of(call("delete-rule.json"), List.of()))
                .containsExactly("arn:aws:events:us-east-1:" + ACCOUNT + ":rule/backstop-buckets");
        assertThat(CallTargets.of(call("put-targets.json"), List.of()))
                .containsExactly("arn:aws:events:us-east-1:" + ACCOUNT + ":rule/backstop-self-watch");
        assertThat(CallTargets.of(call("delete-function.json"), List.of()))
                .containsExactly("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:backstop-iam");
        assertThat(CallTargets.of(call("delete-table.json"), List.of()))
                .containsExactly("arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/backstop-AuditTable-1QX7Z0J4H2K8M");
        assertThat(CallTargets.of(call("delete-topic.json"), List.of()))
                .containsExactly("arn:aws:sns:us-east-1:" + ACCOUNT + ":backstop-NotificationTopic-8FJ2K1L0Q3ZC");
        assertThat(CallTargets.of(call("purge-queue.json"), List.of()))
                .containsExactly("arn:aws:sqs:us-east-1:" + ACCOUNT + ":backstop-DeadLetterQueue-5YHB2N7Q1WXD");
        assertThat(CallTargets.of(call("disable-alarm-actions.json"), List.of())).containsExactly(
                "arn:aws:cloudwatch:us-east-1:" + ACCOUNT + ":alarm:backstop-dead-letters",
                "arn:aws:cloudwatch:us-east-1:" + ACCOUNT + ":alarm:backstop-s3-silent");
        assertThat(CallTargets.of(call("put-rule-file.json"), List.of()))
                .containsExactly("arn:aws:s3:::example-security-rules/backstop/rules.yaml");
        assertThat(CallTargets.of(call("delete-schedule.json"), List.of())).containsExactly("arn:aws:scheduler:us-east-1:"
                + ACCOUNT + ":schedule/backstop-deferred/backstop-3f1c9a7e5b2d4c6e8a0f1b3d5c7e9a2b4d6f8a0c");
        assertThat(CallTargets.of(call("delete-schedule-group.json"), List.of()))
                .containsExactly("arn:aws:scheduler:us-east-1:" + ACCOUNT + ":schedule-group/backstop-deferred");
    }

    @Test
    void aScheduleWithoutAGroupIsTheDefaultGroupsAndASlashInANameNamesNothing() {
        assertThat(CallTargets.schedule(call("delete-schedule.json", request -> request.remove("groupName"))))
                .contains("arn:aws:scheduler:us-east-1:" + ACCOUNT + ":schedule/default/backstop-3f1c9a7e5b2d4c6e8a0f1b3d5c7e9a2b4d6f8a0c");
        assertThat(CallTargets.schedule(call("delete-schedule.json", request -> request.put("groupName", "a/b")))).isEmpty();
        assertThat(CallTargets.schedule(call("delete-schedule.json", request -> request.put("name", "")))).isEmpty();
    }

    @Test
    void aRuleOnAnotherBusIsNamedWithItsBus() {
        assertThat(CallTargets.rule(call("delete-rule.json", request -> request.put("eventBusName",
                "arn:aws:events:us-east-1:" + ACCOUNT + ":event-bus/other"))))
                .contains("arn:aws:events:us-east-1:" + ACCOUNT + ":rule/other/backstop-buckets");
    }

    @Test
    void aFunctionNamedByQualifiedOrPartialArnIsTheUnqualifiedFunction() {
        assertThat(CallTargets.function(call("remove-permission.json")))
                .contains("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:backstop-alarm");
        assertThat(CallTargets.function(call("delete-function.json",
                request -> request.put("functionName", ACCOUNT + ":function:backstop-iam:live"))))
                .contains("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:backstop-iam");
        assertThat(CallTargets.function(call("delete-function.json",
                request -> request.put("functionName", "arn:aws:lambda:us-east-1:" + ACCOUNT + ":layer:x"))))
                .as("an ARN of something else names no function").isEmpty();
    }

    @Test
    void aKeyByIdOrArnIsTheKeysArnAndAnAliasNamesNoKey() {
        String arn = "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/0d2f4b1e-7c3a-4e9b-8f61-2a5c9e7d3b40";

        assertThat(CallTargets.key(call("schedule-key-deletion.json"))).contains(arn);
        assertThat(CallTargets.key(call("disable-key.json"))).contains(arn);
        assertThat(CallTargets.key(call("disable-key.json", request -> request.put("keyId", "alias/backstop")))).isEmpty();
    }

    @Test
    void anUnsubscribeNamesTheSubscriptionsTopic() {
        assertThat(CallTargets.of(call("unsubscribe.json"), List.of()))
                .containsExactly("arn:aws:sns:us-east-1:" + ACCOUNT + ":backstop-NotificationTopic-8FJ2K1L0Q3ZC");
    }

    @Test
    void aRoleIsNamedWithThePathOfTheKnownRoleOfThatNameElseAtTheRootPath() {
        assertThat(CallTargets.of(call("put-role-policy.json"), List.of(SELF_WATCH_ROLE))).containsExactly(SELF_WATCH_ROLE);
        assertThat(CallTargets.of(call("put-role-policy.json"), List.of()))
                .containsExactly("arn:aws:iam::" + ACCOUNT + ":role/backstop-SelfWatchFunctionRole-7M2P4R6T8V0X");
    }

    @Test
    void aMissingOrMisshapenFieldNamesNothing() {
        assertThat(CallTargets.of(call("delete-table.json", request -> request.remove("tableName")), List.of())).isEmpty();
        assertThat(CallTargets.of(call("delete-topic.json", request -> request.putArray("topicArn")), List.of())).isEmpty();
        assertThat(CallTargets.of(call("purge-queue.json", request -> request.put("queueUrl", "https://x/not-an-account/q")),
                List.of())).isEmpty();
        assertThat(CallTargets.of(call("disable-alarm-actions.json", request -> request.put("alarmNames", "one")),
                List.of())).isEmpty();
    }
}
