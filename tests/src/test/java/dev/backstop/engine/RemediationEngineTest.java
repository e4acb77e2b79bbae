package dev.backstop.engine;

import static dev.backstop.testing.SampleEvents.detail;
import static dev.backstop.testing.SampleEvents.edited;
import static dev.backstop.testing.TestDeliveries.apiCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.testing.FakeCloudTrail;
import dev.backstop.testing.FakeDynamoDb;
import dev.backstop.testing.FakeS3;
import dev.backstop.testing.FakeSns;
import dev.backstop.testing.SampleEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.sns.model.SnsException;

class RemediationEngineTest {

    private static final String TRAIL = "arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events";
    private static final String EVENT_ID = "c9e5a1d7-3f2b-4e8a-b6c4-0d1e2f3a4b5c";
    private static final String DECISION = "decision#" + EVENT_ID;
    private static final Instant NOW = Instant.parse("2026-11-20T09:21:42Z");

    private final FakeCloudTrail cloudTrail = new FakeCloudTrail().trail(TRAIL, false);
    private final FakeDynamoDb dynamoDb = new FakeDynamoDb();
    private final FakeSns sns = new FakeSns();

    private RemediationEngine engine(Mode mode, String... ownPrincipals) {
        return engine(new Settings("audit", "arn:aws:sns:us-east-1:123456789012:backstop", mode, List.of(ownPrincipals)));
    }

    private RemediationEngine engine(Settings settings) {
        return DaggerTestComponent.factory()
                .create(settings, Clock.fixed(NOW, ZoneOffset.UTC), cloudTrail, dynamoDb, sns, Region.US_EAST_1,
                        new FakeS3())
                .engine();
    }

    private static byte[] stopLogging() {
        return stopLogging(e -> { });
    }

    private static byte[] stopLogging(Consumer<ObjectNode> edit) {
        return edited("cloudtrail/stop-logging.json", edit);
    }

    @Test
    void restartsLoggingAndRecordsTheVerifiedRemediation() {
        AuditRecord decision = engine(Mode.ENFORCE).handle(apiCall(stopLogging()));

        assertThat(cloudTrail.isLogging(TRAIL)).isTrue();
        assertThat(decision.outcome()).isEqualTo(Outcome.REMEDIATED);
        ActionResult action = decision.actions().get(0);
        assertThat(action.action()).isEqualTo("cloudtrail.start-logging");
        assertThat(action.resource()).isEqualTo(TRAIL);
        assertThat(action.before()).containsEntry("isLogging", "false");
        assertThat(action.after()).containsEntry("isLogging", "true");
        assertThat(action.undo().toString())
                .isEqualTo("{\"undoVersion\":2,\"call\":\"StopLogging\",\"name\":\"" + TRAIL + "\"}");
        assertThat(dynamoDb.attribute(DECISION, "outcome")).isEqualTo("REMEDIATED");
        assertThat(dynamoDb.attribute(DECISION, "status")).isEqualTo("complete");
        assertThat(dynamoDb.attribute(DECISION, "principal"))
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/DeveloperAccess/mallory");
        assertThat(dynamoDb.attribute(DECISION, "notification")).isEqualTo("sent");
        assertThat(sns.published()).singleElement()
                .satisfies(message -> assertThat(message.subject()).isEqualTo("Backstop REMEDIATED: StopLogging"));
    }

    @Test
    void neverTouchesAProtectedTargetInAnyModeAndSaysWhy() {
        for (Mode mode : List.of(Mode.ENFORCE, Mode.DRY_RUN)) {
            AuditRecord decision = engine(mode, "arn:aws:cloudtrail:*:123456789012:trail/management-*")
                    .handle(apiCall(stopLogging(e -> detail(e).put("eventID", SampleEvents.eventId("protected-" + mode)))));

            assertThat(decision.outcome()).as(mode.label()).isEqualTo(Outcome.FAILED);
            assertThat(decision.actions().get(0).detail()).as(mode.label())
                    .startsWith("refused: protected principal " + TRAIL);
            assertThat(decision.actions().get(0).undo()).isEmpty();
        }
        assertThat(cloudTrail.startLoggingCalls()).isZero();
    }

    @Test
    void addressesATrailByNameInItsHomeRegionWhateverTheEventCalledIt() {
        engine(Mode.ENFORCE).handle(apiCall(stopLogging()));

        assertThat(cloudTrail.startLoggingTargets()).containsExactly("management-events");
    }

    @Test
    void addressesATrailFromAnotherHomeRegionByItsArn() {
        String elsewhere = "arn:aws:cloudtrail:eu-west-1:123456789012:trail/org-trail";
        cloudTrail.trail(elsewhere, false);

        AuditRecord decision = engine(Mode.ENFORCE).handle(apiCall(stopLogging(e -> {
            e.put("region", "eu-west-1");
            detail(e).put("awsRegion", "eu-west-1");
            ((ObjectNode) detail(e).get("requestParameters")).put("name", "org-trail");
        })));

        assertThat(decision.outcome()).isEqualTo(Outcome.REMEDIATED);
        assertThat(decision.actions().get(0).resource()).isEqualTo(elsewhere);
        assertThat(cloudTrail.startLoggingTargets()).containsExactly(elsewhere);
    }

    @Test
    void aTrailTaggedExemptIsLeftAloneAndTheExemptionRecorded() {
        cloudTrail.tag(TRAIL, "backstop:exempt", "true");

        AuditRecord decision = engine(Mode.ENFORCE).handle(apiCall(stopLogging()));

        assertThat(decision.outcome()).isEqualTo(Outcome.EXEMPTED);
        assertThat(decision.actions().get(0).detail()).isEqualTo("exempted: resource tag backstop:exempt=true");
        assertThat(decision.actions().get(0).resource()).isEqualTo(TRAIL);
        assertThat(cloudTrail.startLoggingCalls()).isZero();
        assertThat(sns.published().get(0).message()).contains("Exempted, did not run");
    }

    @Test
    void anotherValueOfTheExemptTagExemptsNothing() {
        cloudTrail.tag(TRAIL, "backstop:exempt", "false");

        assertThat(engine(Mode.ENFORCE).handle(apiCall(stopLogging())).outcome()).isEqualTo(Outcome.REMEDIATED);
    }

    @Test
    void aFailedStopLoggingIsAuditedAndNeverActedOn() {
        AuditRecord decision = engine(Mode.ENFORCE).handle(apiCall(edited("cloudtrail/stop-logging-denied.json", e -> { })));

        assertThat(decision.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(decision.reason()).contains("AccessDenied");
        assertThat(cloudTrail.startLoggingCalls()).isZero();
        assertThat(dynamoDb.attribute("decision#7a3c9e1f-4b2d-4e6a-9c8b-1f0e2d3c4b5a", "outcome")).isEqualTo("IGNORED");
        assertThat(sns.published()).isEmpty();
    }

    @Test
    void eventsMadeByBackstopsOwnRoleAreOnlyAudited() {
        AuditRecord decision = engine(Mode.ENFORCE, "arn:aws:iam::123456789012:role/Developer*").handle(apiCall(stopLogging()));

        assertThat(decision.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(decision.reason()).isEqualTo("made by Backstop's own principal");
        assertThat(cloudTrail.startLoggingCalls()).isZero();
        assertThat(dynamoDb.item(DECISION)).isNotNull();
    }

    @Test
    void aRuleMatchingACallByAProtectedPrincipalIsNotifiedAsProtectedAndNeverActedOn() {
        for (Mode mode : List.of(Mode.ENFORCE, Mode.DRY_RUN, Mode.NOTIFY)) {
            String eventId = SampleEvents.eventId("protected-caller-" + mode);
            Settings settings = new Settings("audit", "arn:aws:sns:us-east-1:123456789012:backstop", mode,
                    List.of("arn:aws:iam::123456789012:role/backstop-CloudTrailFunctionRole"))
                    .withProtectedPrincipals(List.of("arn:aws:iam::123456789012:role/Developer*"));

            AuditRecord decision = engine(settings).handle(apiCall(stopLogging(e -> detail(e).put("eventID", eventId))));

            assertThat(decision.outcome()).as(mode.label()).isEqualTo(Outcome.PROTECTED);
            assertThat(decision.principal()).isEqualTo("arn:aws:sts::123456789012:assumed-role/DeveloperAccess/mallory");
            assertThat(decision.actions()).singleElement().satisfies(action -> {
                assertThat(action.outcome()).isEqualTo(Outcome.PROTECTED);
                assertThat(action.detail()).isEqualTo("not acted: made by protected principal"
                        + " arn:aws:sts::123456789012:assumed-role/DeveloperAccess/mallory (ProtectedPrincipalArns):"
                        + " Backstop does not act on a protected principal's calls");
                assertThat(action.undo()).isEmpty();
            });
            assertThat(dynamoDb.attribute("decision#" + eventId, "outcome")).isEqualTo("PROTECTED");
            assertThat(dynamoDb.attribute("decision#" + eventId, "notification")).isEqualTo("sent");
        }
        assertThat(cloudTrail.startLoggingCalls()).isZero();
        assertThat(cloudTrail.isLogging(TRAIL)).isFalse();
        assertThat(sns.published()).hasSize(3).allSatisfy(message -> {
            assertThat(message.subject()).isEqualTo("Backstop PROTECTED: StopLogging");
            assertThat(message.message()).contains("StopLogging by arn:aws:sts::123456789012:assumed-role/DeveloperAccess/mallory"
                    + " in 123456789012/us-east-1: PROTECTED. Protected principal, did not run cloudtrail.start-logging");
        });
    }

    @Test
    void aProtectedPrincipalsCallNoRuleMatchesIsNoMatchAsAnyonesIs() {
        Settings settings = new Settings("audit", "arn:aws:sns:us-east-1:123456789012:backstop", Mode.ENFORCE, List.of())
                .withProtectedPrincipals(List.of("arn:aws:iam::123456789012:role/Developer*"));

        AuditRecord decision = engine(settings).handle(apiCall(stopLogging(e -> detail(e).put("eventName", "StartLogging"))));

        assertThat(decision.outcome()).isEqualTo(Outcome.NO_MATCH);
        assertThat(sns.published()).isEmpty();
    }

    @Test
    void aSecondDeliveryIsRecordedAsADuplicateAndDoesNotActAgain() {
        RemediationEngine engine = engine(Mode.ENFORCE);
        engine.handle(apiCall(stopLogging()));
        cloudTrail.trail(TRAIL, false);

        AuditRecord second = engine.handle(apiCall(stopLogging()));

        assertThat(second.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(cloudTrail.startLoggingCalls()).isEqualTo(1);
        assertThat(dynamoDb.attribute(DECISION, "outcome")).isEqualTo("REMEDIATED");
        assertThat(dynamoDb.records().keySet()).hasSize(2).anyMatch(id -> id.startsWith(DECISION + "#duplicate#"));
        assertThat(sns.published()).hasSize(1);
    }

    @Test
    void dryRunRecordsTheBeforeStateAndMakesNoMutatingCall() {
        AuditRecord decision = engine(Mode.DRY_RUN).handle(apiCall(stopLogging()));

        assertThat(decision.outcome()).isEqualTo(Outcome.WOULD_REMEDIATE);
        assertThat(decision.actions().get(0).mode()).isEqualTo(Mode.DRY_RUN);
        assertThat(decision.actions().get(0).before()).containsEntry("isLogging", "false");
        assertThat(decision.actions().get(0).detail()).isEqualTo("would run StartLogging on " + TRAIL);
        assertThat(cloudTrail.startLoggingCalls()).isZero();
        assertThat(cloudTrail.isLogging(TRAIL)).isFalse();
        assertThat(sns.published()).hasSize(1);
    }

    @Test
    void notifyModeTellsTheTeamWithoutActing() {
        AuditRecord decision = engine(Mode.NOTIFY).handle(apiCall(stopLogging()));

        assertThat(decision.outcome()).isEqualTo(Outcome.NOTIFIED);
        assertThat(cloudTrail.startLoggingCalls()).isZero();
        assertThat(sns.published().get(0).message()).contains("Notify only, did not run cloudtrail.start-logging");
    }

    @Test
    void aTrailThatIsAlreadyLoggingNeedsNothing() {
        cloudTrail.trail(TRAIL, true);

        AuditRecord decision = engine(Mode.ENFORCE).handle(apiCall(stopLogging()));

        assertThat(decision.outcome()).isEqualTo(Outcome.ALREADY_COMPLIANT);
        assertThat(cloudTrail.startLoggingCalls()).isZero();
    }

    @Test
    void aTrailThatNoLongerExistsIsRecordedAsGone() {
        AuditRecord decision = engine(Mode.ENFORCE).handle(apiCall(stopLogging(e -> ((ObjectNode) detail(e)
                .get("requestParameters")).put("name", "deleted-trail"))));

        assertThat(decision.outcome()).isEqualTo(Outcome.RESOURCE_GONE);
        assertThat(decision.actions().get(0).resource()).isEqualTo("arn:aws:cloudtrail:us-east-1:123456789012:trail/deleted-trail");
    }

    @Test
    void aReadBackThatDoesNotShowLoggingIsAFailureNotASuccess() {
        cloudTrail.ignoreStartLogging();

        AuditRecord decision = engine(Mode.ENFORCE).handle(apiCall(stopLogging()));

        assertThat(decision.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(decision.actions().get(0).after()).containsEntry("isLogging", "false");
        assertThat(decision.actions().get(0).undo()).isEmpty();
        assertThat(sns.published().get(0).subject()).isEqualTo("Backstop FAILED: StopLogging");
        assertThat(sns.published().get(0).message()).contains("FAILED cloudtrail.start-logging");
    }

    @Test
    void accessDeniedIsAnHonestFailureAndNotRetried() {
        cloudTrail.failStartLoggingWith(() -> awsError(403, "AccessDeniedException", "not authorized"));

        AuditRecord decision = engine(Mode.ENFORCE).handle(apiCall(stopLogging()));

        assertThat(decision.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(decision.actions().get(0).detail()).contains("AccessDeniedException: not authorized");
        assertThat(dynamoDb.attribute(DECISION, "status")).isEqualTo("complete");
    }

    @Test
    void throttlingReleasesTheClaimSoTheRetryCanRemediate() {
        RemediationEngine engine = engine(Mode.ENFORCE);
        cloudTrail.failStartLoggingWith(() -> awsError(400, "ThrottlingException", "Rate exceeded"));

        assertThatThrownBy(() -> engine.handle(apiCall(stopLogging()))).isInstanceOf(CloudTrailException.class);
        assertThat(dynamoDb.attribute(DECISION, "status")).isEqualTo("retryable");

        AuditRecord retry = engine.handle(apiCall(stopLogging()));

        assertThat(retry.outcome()).isEqualTo(Outcome.REMEDIATED);
        assertThat(cloudTrail.isLogging(TRAIL)).isTrue();
    }

    @Test
    void aMalformedEventIsRejectedWithARecordThatNamesTheField() {
        AuditRecord decision = engine(Mode.ENFORCE).handle(apiCall(stopLogging(e -> detail(e).remove("eventName"))));

        assertThat(decision.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(decision.reason()).isEqualTo("malformed event: detail.eventName: is missing");
        assertThat(decision.auditId()).startsWith("rejected#");
        assertThat(dynamoDb.attribute(decision.auditId(), "reason")).contains("detail.eventName");
        assertThat(cloudTrail.startLoggingCalls()).isZero();
    }

    @Test
    void anEventNoRuleWantsIsRecordedAsNoMatch() {
        AuditRecord decision = engine(Mode.ENFORCE).handle(apiCall(stopLogging(e -> detail(e).put("eventName", "StartLogging"))));

        assertThat(decision.outcome()).isEqualTo(Outcome.NO_MATCH);
        assertThat(sns.published()).isEmpty();
    }

    @Test
    void aLostNotificationIsNotedOnTheAuditRecordAndCounted() {
        sns.failWith(awsSnsError());

        try (StandardOutput out = StandardOutput.capture()) {
            AuditRecord decision = engine(Mode.ENFORCE).handle(apiCall(stopLogging()));

            assertThat(decision.outcome()).isEqualTo(Outcome.REMEDIATED);
            assertThat(dynamoDb.attribute(DECISION, "notification")).startsWith("failed: AuthorizationError");
            assertThat(out.counted(DecisionRecorder.NOTIFICATION_FAILED)).singleElement().satisfies(line -> {
                assertThat(line.path("auditId").asText()).isEqualTo(DECISION);
                assertThat(line.path("error").asText()).startsWith("AuthorizationError");
                assertThat(line.path("level").asText()).isEqualTo("WARN");
            });
        }
    }

    private static CloudTrailException awsError(int status, String code, String message) {
        return (CloudTrailException) CloudTrailException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .build();
    }

    private static SnsException awsSnsError() {
        return (SnsException) SnsException.builder()
                .statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AuthorizationError").errorMessage("denied").build())
                .build();
    }
}
