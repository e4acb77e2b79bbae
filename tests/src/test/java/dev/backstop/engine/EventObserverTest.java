package dev.backstop.engine;

import static dev.backstop.testing.SampleEvents.detail;
import static dev.backstop.testing.SampleEvents.edited;
import static dev.backstop.testing.TestDeliveries.apiCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.EventObserver;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.testing.FakeCloudTrail;
import dev.backstop.testing.FakeDynamoDb;
import dev.backstop.testing.FakeS3;
import dev.backstop.testing.FakeSns;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** Observers (here the S3 family's bucket policy recorder) see every successful call, whatever the rules. */
class EventObserverTest {

    private static final String LATEST = "policy#arn:aws:s3:::acme-reports";
    private static final String EVENT_ID = "5d2e8f14-6a3b-4c71-9e05-b8d4c2a1f630";
    private static final String DECISION = "decision#" + EVENT_ID;

    private final FakeDynamoDb table = new FakeDynamoDb();
    // The bucket as S3 holds it after the call: the recorder reads the policy back.
    private final FakeS3 s3 = new FakeS3().bucket("acme-reports").policy("acme-reports", "{\"Version\":\"2012-10-17\","
            + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},"
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::acme-reports/*\"}]}");

    private RemediationEngine engine(Mode mode, DynamoDbClient dynamoDb, String... ownPrincipals) {
        Settings settings = new Settings("audit", "arn:aws:sns:us-east-1:123456789012:backstop", mode, List.of(ownPrincipals));
        return DaggerTestComponent.factory().create(settings, Clock.fixed(Instant.parse("2026-11-20T10:02:35Z"),
                ZoneOffset.UTC), new FakeCloudTrail(), dynamoDb, new FakeSns(), Region.US_EAST_1, s3).engine();
    }

    /** The sample PutBucketPolicy without its public statement, so no rule acts on it. */
    private static byte[] privatePolicy(Consumer<ObjectNode> edit) {
        return edited("s3/put-bucket-policy.json", event -> {
            ((ArrayNode) detail(event).at("/requestParameters/bucketPolicy/Statement")).remove(2);
            edit.accept(event);
        });
    }

    @Test
    void recordsAPolicyNoRuleActsOnInAnyMode() {
        AuditRecord decision = engine(Mode.DRY_RUN, table).handle(apiCall(privatePolicy(e -> { })));

        assertThat(decision.outcome()).isEqualTo(Outcome.NO_MATCH);
        assertThat(table.attribute(LATEST, "kind")).isEqualTo("bucket-policy");
        assertThat(table.attribute(LATEST, "source")).isEqualTo("read back after " + EVENT_ID);
    }

    @Test
    void recordsAPolicySetByAProtectedPrincipal() {
        AuditRecord decision = engine(Mode.ENFORCE, table, "arn:aws:iam::123456789012:role/DeveloperAccess")
                .handle(apiCall(privatePolicy(e -> { })));

        assertThat(decision.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(table.item(LATEST)).isNotNull();
    }

    @Test
    void recordsNothingOfAFailedCall() {
        engine(Mode.ENFORCE, table).handle(apiCall(privatePolicy(e -> detail(e).put("errorCode", "AccessDenied"))));

        assertThat(table.item(LATEST)).isNull();
    }

    @Test
    void aRecordThatCannotBeWrittenDoesNotStopTheDecisionAndIsCounted() {
        try (StandardOutput out = StandardOutput.capture()) {
            AuditRecord decision = engine(Mode.ENFORCE, failingHistory(403)).handle(apiCall(privatePolicy(e -> { })));

            assertThat(decision.outcome()).isEqualTo(Outcome.NO_MATCH);
            assertThat(table.attribute(DECISION, "outcome")).isEqualTo("NO_MATCH");
            assertThat(out.counted(CloudTrailSteps.OBSERVER_FAILED)).singleElement().satisfies(line -> {
                assertThat(line.path("observer").asText()).isEqualTo("BucketPolicyRecorder");
                assertThat(line.path("eventId").asText()).isEqualTo(EVENT_ID);
                assertThat(line.path("error").asText()).startsWith("AccessDeniedException");
            });
        }
    }

    @Test
    void aTransientFailureReleasesTheEventForRetry() {
        assertThatThrownBy(() -> engine(Mode.ENFORCE, failingHistory(503)).handle(apiCall(privatePolicy(e -> { }))))
                .isInstanceOf(DynamoDbException.class);

        assertThat(table.attribute(DECISION, "status")).isEqualTo("retryable");
    }

    /** The audit table, failing every write of the policy history with this status. */
    private DynamoDbClient failingHistory(int status) {
        return new DynamoDbClient() {
            @Override
            public PutItemResponse putItem(PutItemRequest request) {
                if (request.item().get("auditId").s().startsWith("policy#")) {
                    throw DynamoDbException.builder().statusCode(status).awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode(status == 403 ? "AccessDeniedException" : "ServiceUnavailable")
                            .errorMessage("no").build()).build();
                }
                return table.putItem(request);
            }

            @Override
            public UpdateItemResponse updateItem(UpdateItemRequest request) {
                return table.updateItem(request);
            }

            @Override
            public GetItemResponse getItem(GetItemRequest request) {
                return table.getItem(request);
            }

            @Override
            public String serviceName() {
                return "dynamodb";
            }

            @Override
            public void close() {
            }
        };
    }
}
