package dev.backstop.handlers.cloudtrail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.Lazy;
import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditJson;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.AuditTable;
import dev.backstop.audit.Outcome;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.aws.OfflineCalls;
import dev.backstop.config.Settings;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleSource;
import dev.backstop.runtime.InProcessHttpClient;
import dev.backstop.runtime.PrimingCalls;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * SnapStart priming: before the snapshot is taken, runs the per-event code once so the classes
 * are loaded, linked and initialised in the snapshot instead of on the first event after
 * every restore. It parses a sample StopLogging event (a copy of
 * {@code events/cloudtrail/stop-logging.json} on the classpath), matches it against the rules in
 * force, writes an audit record and a notification as JSON, and makes the SDK calls a decision
 * starts with as {@link OfflineCalls}: marshalled, endpoint-resolved and signed, then stopped
 * before sending.
 *
 * <p>On the engine's own clients only reads are made (GetTrail, GetTrailStatus and ListTags on
 * CloudTrail, GetItem on the audit table, GetTopicAttributes on the topic), so even a call that
 * escaped the stop would change nothing. The rest of a decision's calls, and the handling of
 * their responses, run on throwaway clients whose HTTP client answers in the process
 * ({@link InProcessHttpClient}) and has no way to the network: the claim and the record
 * (PutItem), the notification (Publish), the note on the record (UpdateItem), and the reads
 * again with their responses. Every call is signed with throwaway keys: the credentials may be
 * absent at checkpoint, and real ones must not be frozen into the snapshot. The rules a team
 * keeps in S3 or SSM are read again after restore by their own source
 * ({@code RefreshingRuleSource}).
 */
@Singleton
public final class Priming implements Resource {

    static final String SAMPLE = "priming/stop-logging.json";

    private final CloudTrailEventParser parser;
    // Lazy, all that the engine also builds: the handler registers the priming before the engine is
    // built, on another thread than the rules (ParallelStart), and the priming runs only at a checkpoint.
    private final Lazy<RuleSource> rules;
    private final Lazy<ObjectMapper> json;
    private final Lazy<CloudTrailClient> cloudTrail;
    private final Lazy<DynamoDbClient> dynamoDb;
    private final Lazy<SnsClient> sns;
    private final Settings settings;
    private final Region region;
    private final Clock clock;

    /** What one priming did: offline calls stopped unsent, and calls answered in the process. */
    record Primed(int stopped, int answered) {
    }

    @Inject
    Priming(CloudTrailEventParser parser, Lazy<RuleSource> rules, Lazy<ObjectMapper> json,
            Lazy<CloudTrailClient> cloudTrail, Lazy<DynamoDbClient> dynamoDb, Lazy<SnsClient> sns, Settings settings,
            Region region, Clock clock) {
        this.parser = parser;
        this.rules = rules;
        this.json = json;
        this.cloudTrail = cloudTrail;
        this.dynamoDb = dynamoDb;
        this.sns = sns;
        this.settings = settings;
        this.region = region;
        this.clock = clock;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing of its own: the rule source re-reads a team's file after restore.
    }

    /** Runs the per-event path once without effect. */
    Primed prime() {
        CloudTrailEvent event = parser.parse(PrimingCalls.sample(Priming.class, SAMPLE));
        Instant now = clock.instant();
        List<Rule> matched = rules.get().current().match(event);
        matched.forEach(rule -> rule.unless().forTrigger(event, now));
        String trail = event.detail().requestParameters().path("name").asText("priming");
        int stopped = 0;
        stopped += PrimingCalls.offline(() -> cloudTrail.get().getTrail(r -> r.name(trail).overrideConfiguration(OfflineCalls::configure)));
        stopped += PrimingCalls.offline(() -> cloudTrail.get().getTrailStatus(r -> r.name(trail).overrideConfiguration(OfflineCalls::configure)));
        stopped += PrimingCalls.offline(() -> cloudTrail.get().listTags(r -> r.resourceIdList(trail).overrideConfiguration(OfflineCalls::configure)));
        stopped += PrimingCalls.offline(() -> dynamoDb.get().getItem(r -> r.tableName(settings.auditTable())
                .key(Map.of(AuditTable.KEY, AttributeValue.fromS(event.eventId())))
                .overrideConfiguration(OfflineCalls::configure)));
        stopped += PrimingCalls.offline(() -> sns.get().getTopicAttributes(r -> r.topicArn(settings.topicArn())
                .overrideConfiguration(OfflineCalls::configure)));
        writeJson(event, matched, now);
        return new Primed(stopped, answeredInProcess(event, trail));
    }

    /** A decision's calls, requests and responses, on clients that cannot reach the network. */
    private int answeredInProcess(CloudTrailEvent event, String trail) {
        SdkHttpClient inProcess = new InProcessHttpClient();
        AwsCredentialsProvider throwaway = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("BACKSTOPPRIMING", "never-sent"));
        Map<String, AttributeValue> key = Map.of(AuditTable.KEY, AttributeValue.fromS(event.eventId()));
        List<Supplier<?>> calls;
        try (CloudTrailClient trails = AwsClientsModule.build(CloudTrailClient.builder(), inProcess, throwaway, region);
                DynamoDbClient table = AwsClientsModule.build(DynamoDbClient.builder(), inProcess, throwaway, region);
                SnsClient topic = AwsClientsModule.build(SnsClient.builder(), inProcess, throwaway, region)) {
            calls = List.of(
                    () -> trails.getTrail(r -> r.name(trail)),
                    () -> trails.getTrailStatus(r -> r.name(trail)),
                    () -> trails.listTags(r -> r.resourceIdList(trail)),
                    () -> table.putItem(r -> r.tableName(settings.auditTable()).item(key)
                            .conditionExpression("attribute_not_exists(#key)")
                            .expressionAttributeNames(Map.of("#key", AuditTable.KEY))),
                    () -> table.updateItem(r -> r.tableName(settings.auditTable()).key(key)
                            .updateExpression("SET notification = :status")
                            .expressionAttributeValues(Map.of(":status", AttributeValue.fromS("priming")))),
                    () -> table.getItem(r -> r.tableName(settings.auditTable()).key(key)),
                    () -> topic.publish(r -> r.topicArn(settings.topicArn()).subject("priming").message("priming")
                            .messageAttributes(Map.of("outcome", MessageAttributeValue.builder()
                                    .dataType("String").stringValue("priming").build()))),
                    () -> topic.getTopicAttributes(r -> r.topicArn(settings.topicArn())));
            return (int) calls.stream().filter(Priming::answered).count();
        }
    }

    private static boolean answered(Supplier<?> call) {
        try {
            call.get();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The JSON an audit record and a notification are written as, for a record like the event's. */
    private void writeJson(CloudTrailEvent event, List<Rule> matched, Instant now) {
        List<ActionResult> actions = matched.stream().map(rule -> new ActionResult(rule.id(), rule.severity(),
                "priming", rule.mode(), "priming", Outcome.WOULD_REMEDIATE, Map.of("primed", "true"), Map.of(),
                ActionResult.noUndo(), "priming")).toList();
        AuditRecord record = new AuditRecord(event.eventId(), event.eventId(), event.detail().eventName(),
                event.detail().eventSource(), event.account(), event.region(), event.detail().eventTime(), now,
                event.detail().userIdentity().displayName(), event.detail().userIdentity().type(),
                event.detail().sourceIpAddress(), Outcome.WOULD_REMEDIATE, "priming", actions);
        try {
            AuditJson.actions(record.actions()).toString();
            json.get().writerWithDefaultPrettyPrinter().writeValueAsString(AuditJson.record(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("priming could not write a record as JSON", e);
        }
    }
}
