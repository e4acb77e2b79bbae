package dev.backstop.correlate.lookup;

import dev.backstop.correlate.ChangeLookup;
import dev.backstop.correlate.Correlated;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.action.AwsErrors;
import dev.backstop.audit.RecentChange;
import dev.backstop.config.Settings;
import dev.backstop.event.AlarmEvent;
import dev.backstop.rules.ArnGlob;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * "Who lit the fire": looks up, with CloudTrail's {@code LookupEvents}, the management calls that
 * changed an alarm's resources in a window before it.
 *
 * <pre>{@code
 * Correlated found = lookup.before(alarm, Duration.ofMinutes(15));
 * List<String> told = found.changes().stream().map(change -> change.describe()).toList();
 * }</pre>
 *
 * <p>Lambda's CloudTrail records name the function in {@code requestParameters.functionName},
 * not always as a resource, so functions are looked up by event source and picked by that field;
 * other resources by name, and so are the security groups and roles {@link RelatedResources}
 * reads for the alarm's instances and functions. Read-only calls are left out; calls by
 * Backstop's own or protected principals are named but marked, and never satisfy a rule's {@code correlate.require}. LookupEvents serves two calls a second
 * per account and region, so each lookup reads at most {@value #PAGES} pages; a transient failure
 * propagates (the alarm is retried), any other becomes the result's note.
 */
@Singleton
public final class CloudTrailChangeLookup implements ChangeLookup {

    static final int PAGES = 4;
    private static final String LAMBDA = "lambda.amazonaws.com";

    private final CloudTrailClient cloudTrail;
    private final RelatedResources related;
    private final ObjectMapper mapper;
    private final List<ArnGlob> ownPrincipals;

    @Inject
    CloudTrailChangeLookup(CloudTrailClient cloudTrail, RelatedResources related, ObjectMapper mapper, Settings settings) {
        this.cloudTrail = cloudTrail;
        this.related = related;
        this.mapper = mapper;
        this.ownPrincipals = settings.neverChanged().stream().map(ArnGlob::new).toList();
    }

    @Override
    public Correlated before(AlarmEvent alarm, Duration window) {
        AlarmResources own = AlarmResources.of(alarm);
        if (own.isEmpty()) {
            return new Correlated(List.of(), List.of(), alarm.composite()
                    ? "a composite alarm names no resource; its child alarms do"
                    : "the alarm's dimensions name no resource CloudTrail can be asked about");
        }
        Instant from = alarm.time().minus(window);
        List<RecentChange> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> leanedOn = related.of(own, alarm.region(), notes);
        AlarmResources resources = own.with(leanedOn);
        long left = leanedOn.stream().distinct().filter(name -> !resources.all().contains(name)).count();
        if (left > 0) {
            notes.add(left + " more groups or roles not looked up: a decision looks up at most " + AlarmResources.MOST
                    + " resources");
        }
        try {
            if (!resources.functions().isEmpty()) {
                // One lookup serves every function: the records are picked by their functionName.
                changes.addAll(lookup(LookupAttributeKey.EVENT_SOURCE, LAMBDA, from, alarm.time(), record -> {
                    String function = functionOf(record);
                    return resources.functions().contains(function) ? function : null;
                }, notes));
            }
            for (String name : resources.named()) {
                changes.addAll(lookup(LookupAttributeKey.RESOURCE_NAME, name, from, alarm.time(), record -> name, notes));
            }
        } catch (RuntimeException e) {
            if (AwsErrors.isTransient(e)) {
                throw e;
            }
            // The failure first; what the reads before it noted still holds.
            notes.add(0, "CloudTrail LookupEvents failed: " + AwsErrors.describe(e));
            return new Correlated(resources.all(), List.of(), String.join("; ", notes));
        }
        changes.sort(Comparator.comparing(RecentChange::time).reversed());
        return new Correlated(resources.all(), distinct(changes), notes.isEmpty() ? null : String.join("; ", notes));
    }

    /** The changes one lookup finds, each named for the resource {@code resourceOf} gives it (null: not one of ours). */
    private List<RecentChange> lookup(LookupAttributeKey key, String value, Instant from, Instant to,
            Function<JsonNode, String> resourceOf, List<String> notes) {
        List<RecentChange> found = new ArrayList<>();
        String token = null;
        for (int page = 0; page < PAGES; page++) {
            String next = token;
            LookupEventsResponse response = cloudTrail.lookupEvents(LookupEventsRequest.builder()
                    .lookupAttributes(LookupAttribute.builder().attributeKey(key).attributeValue(value).build())
                    .startTime(from).endTime(to).maxResults(50).nextToken(next).build());
            for (Event event : response.events()) {
                JsonNode record = record(event);
                String resource = resourceOf.apply(record);
                if (resource != null && !record.path("readOnly").asBoolean(false) && record.path("errorCode").isMissingNode()) {
                    found.add(change(event, record, resource));
                }
            }
            token = response.nextToken();
            if (token == null || token.isEmpty()) {
                return found;
            }
        }
        notes.add("more than " + PAGES * 50 + " events from " + value + " in the window; only the newest were read");
        return found;
    }

    private JsonNode record(Event event) {
        if (event.cloudTrailEvent() == null) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(event.cloudTrailEvent());
        } catch (IOException e) {
            // An unreadable record names no function and no caller: it is left out, not fatal.
            return mapper.createObjectNode();
        }
    }

    private RecentChange change(Event event, JsonNode record, String resource) {
        JsonNode identity = record.path("userIdentity");
        String arn = identity.path("arn").textValue();
        String issuer = identity.path("sessionContext").path("sessionIssuer").path("arn").textValue();
        boolean own = ownPrincipals.stream().anyMatch(glob -> glob.matches(arn) || glob.matches(issuer));
        return new RecentChange(event.eventId(), event.eventName(), event.eventSource(), event.eventTime(),
                arn != null ? arn : event.username(), resource, own);
    }

    private static String functionOf(JsonNode record) {
        String reference = record.path("requestParameters").path("functionName").textValue();
        return reference == null ? null : AlarmResources.functionName(reference);
    }

    private static List<RecentChange> distinct(List<RecentChange> changes) {
        Map<String, RecentChange> byId = new LinkedHashMap<>();
        changes.forEach(change -> byId.putIfAbsent(change.eventId() + "#" + change.resource(), change));
        return List.copyOf(byId.values());
    }
}
