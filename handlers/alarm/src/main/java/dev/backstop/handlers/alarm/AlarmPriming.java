package dev.backstop.handlers.alarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.Lazy;
import dev.backstop.audit.AlarmContext;
import dev.backstop.audit.AuditJson;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.AuditTable;
import dev.backstop.audit.Outcome;
import dev.backstop.aws.OfflineCalls;
import dev.backstop.config.Settings;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.AlarmPayloadParser;
import dev.backstop.rules.RuleSource;
import dev.backstop.runtime.PrimingCalls;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming for the alarm functions, lighter than the CloudTrail function's
 * ({@link Priming}): before the snapshot it reads an alarm in the EventBridge and the SNS shape (a
 * copy of {@code events/alarms/sns-lambda-latency.json} and {@code eventbridge-lambda-errors.json}
 * on the classpath), matches the rules in force, writes an alarm audit record as JSON, and makes
 * the first calls of a decision (LookupEvents, GetItem) as {@link OfflineCalls}: marshalled and
 * signed with throwaway keys, then stopped before sending. Only reads, so even a call that escaped
 * the stop would change nothing. The rest of a decision's calls are not primed here.
 */
@Singleton
public final class AlarmPriming implements Resource {

    static final List<String> SAMPLES = List.of("priming/eventbridge-lambda-errors.json", "priming/sns-lambda-latency.json");

    private final AlarmPayloadParser parser;
    // Lazy, all that the engine also builds: the priming is registered before the engine is built,
    // on another thread than the rules (ParallelStart), and runs only at a checkpoint.
    private final Lazy<RuleSource> rules;
    private final Lazy<ObjectMapper> json;
    private final Lazy<CloudTrailClient> cloudTrail;
    private final Lazy<DynamoDbClient> dynamoDb;
    private final Settings settings;
    private final Clock clock;

    @Inject
    AlarmPriming(AlarmPayloadParser parser, Lazy<RuleSource> rules, Lazy<ObjectMapper> json,
            Lazy<CloudTrailClient> cloudTrail, Lazy<DynamoDbClient> dynamoDb, Settings settings, Clock clock) {
        this.parser = parser;
        this.rules = rules;
        this.json = json;
        this.cloudTrail = cloudTrail;
        this.dynamoDb = dynamoDb;
        this.settings = settings;
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

    /** Runs the per-alarm path once without effect; returns how many calls were stopped unsent. */
    int prime() {
        int stopped = 0;
        for (String sample : SAMPLES) {
            AlarmEvent alarm = parser.read(PrimingCalls.sample(AlarmPriming.class, sample)).get(0).alarm();
            Instant now = clock.instant();
            rules.get().current().match(alarm).forEach(rule -> rule.unless().forTrigger(alarm, now));
            stopped += PrimingCalls.offline(() -> cloudTrail.get().lookupEvents(request -> request
                    .lookupAttributes(attribute -> attribute.attributeKey(LookupAttributeKey.EVENT_SOURCE)
                            .attributeValue("lambda.amazonaws.com"))
                    .startTime(alarm.time().minusSeconds(900)).endTime(alarm.time()).maxResults(50)
                    .overrideConfiguration(OfflineCalls::configure)));
            stopped += PrimingCalls.offline(() -> dynamoDb.get().getItem(request -> request.tableName(settings.auditTable())
                    .key(Map.of(AuditTable.KEY, AttributeValue.fromS(alarm.id())))
                    .overrideConfiguration(OfflineCalls::configure)));
            writeJson(alarm, now);
        }
        return stopped;
    }

    private void writeJson(AlarmEvent alarm, Instant now) {
        AuditRecord record = new AuditRecord(alarm.id(), alarm.id(), AlarmPayloadParser.DETAIL_TYPE, "aws.cloudwatch",
                alarm.account(), alarm.region(), alarm.time(), now, null, null, null, Outcome.NO_MATCH, "priming",
                List.of(), new AlarmContext(alarm.alarmName(), alarm.alarmArn(), alarm.state(), alarm.previousState(),
                        alarm.reason(), List.of(), List.of(), "priming"));
        try {
            json.get().writerWithDefaultPrettyPrinter().writeValueAsString(AuditJson.record(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("priming could not write an alarm record as JSON", e);
        }
    }
}
