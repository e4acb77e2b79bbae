package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.text.Shown;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Reads an EventBridge "AWS API Call via CloudTrail" event, or the "AWS Console Sign In via
 * CloudTrail" event that carries a console sign-in's CloudTrail record in the same shape, into a
 * {@link CloudTrailEvent}.
 *
 * <p>It accepts the shapes real events come in (null request parameters, booleans as strings,
 * numeric account ids, any identity type, unknown fields) and rejects anything else with a
 * {@link MalformedEventException} that names the field:
 *
 * <pre>{@code
 * CloudTrailEvent event = parser.parse(Files.readAllBytes(Path.of("events/cloudtrail/stop-logging.json")));
 * }</pre>
 *
 * <p>What a handler is delivered ({@link #deliveries}, {@link #delivery}) is checked for
 * provenance too (a CloudTrail-shaped event id, one account, a source that agrees with the event
 * source, no date to come beyond clock skew: {@link Provenance}), so a forged event is rejected
 * before anything is claimed or recorded from it; {@link #parseDelivered} judges an event file the
 * same way. {@link #parse} reads the shape only, for events Backstop makes itself (the watchdog's
 * drift) and for CloudTrail log records.
 *
 * <p>Rules are matched against the event as read, not as written: only the envelope's own keys,
 * account ids as strings, and no key holding a {@code .} where CloudTrail and EventBridge choose
 * the keys (see {@link DottedKeys}), so no key can stand in for another field.
 */
@Singleton
public final class CloudTrailEventParser implements TriggerReader {

    public static final String DETAIL_TYPE = "AWS API Call via CloudTrail";
    /** Console sign-ins (source aws.signin, eventName ConsoleLogin): the same CloudTrail record under another name. */
    public static final String SIGN_IN_DETAIL_TYPE = "AWS Console Sign In via CloudTrail";
    private static final Set<String> DETAIL_TYPES = Set.of(DETAIL_TYPE, SIGN_IN_DETAIL_TYPE);

    private final Clock clock;

    @Inject
    public CloudTrailEventParser(Clock clock) {
        this.clock = clock;
    }

    /** For tools and tests: deliveries are judged against the system clock. */
    public CloudTrailEventParser() {
        this(Clock.systemUTC());
    }

    @Override
    public Class<CloudTrailEvent> reads() {
        return CloudTrailEvent.class;
    }

    @Override
    public List<Delivery> deliveries(byte[] payload) {
        return List.of(delivery(payload));
    }

    /** The payload's one event, or its rejection (malformed, or its provenance does not hold) keyed by the whole payload. */
    public Delivery delivery(byte[] payload) {
        try {
            return Delivery.of(parseDelivered(JsonInput.read(payload)));
        } catch (MalformedEventException e) {
            return Delivery.rejected(payload, e);
        }
    }

    /**
     * An EventBridge event as a handler judges its delivery: its shape and its provenance. For
     * tools that plan an event file, so that they refuse what a handler would refuse.
     */
    public CloudTrailEvent parseDelivered(JsonNode root) {
        CloudTrailEvent event = parse(root);
        Provenance.check(event, clock.instant());
        return event;
    }

    /** The event in a payload, read within {@link JsonInput}'s limits. */
    public CloudTrailEvent parse(byte[] json) {
        return parse(JsonInput.read(json));
    }

    public CloudTrailEvent parse(JsonNode root) {
        JsonFields envelope = JsonFields.requireObject(root, "");
        DottedKeys.refuse(root, "", false);
        String detailType = envelope.requiredText("detail-type");
        if (!DETAIL_TYPES.contains(detailType)) {
            throw new MalformedEventException("detail-type", "expected \"" + DETAIL_TYPE + "\" or \""
                    + SIGN_IN_DETAIL_TYPE + "\", found " + Shown.quoted(detailType));
        }
        EventEnvelope parsedEnvelope = new EventEnvelope(
                envelope.requiredText("id"),
                detailType,
                envelope.requiredText("source"),
                envelope.requiredAccountId("account"),
                envelope.text("region"),
                envelope.requiredTime("time"));
        JsonFields detail = JsonFields.requireObject(root.get("detail"), "detail");
        DottedKeys.refuse(root.get("detail"), "detail", false);
        DottedKeys.refuse(root.get("detail").get("userIdentity"), "detail.userIdentity", true);
        CloudTrailDetail parsedDetail = new CloudTrailDetail(
                detail.requiredText("eventID"),
                detail.requiredText("eventName"),
                detail.requiredText("eventSource"),
                detail.requiredTime("eventTime"),
                detail.text("eventType"),
                detail.text("awsRegion"),
                identity(detail.object("userIdentity")),
                detail.text("sourceIPAddress"),
                detail.text("userAgent"),
                detail.tree("requestParameters"),
                detail.tree("responseElements"),
                detail.text("errorCode"),
                detail.text("errorMessage"),
                detail.accountId("recipientAccountId"),
                detail.bool("readOnly"));
        return new CloudTrailEvent(parsedEnvelope, parsedDetail, canonical(root, parsedEnvelope, parsedDetail));
    }

    /**
     * The tree rules are matched against: the envelope's own keys only, with the account ids as
     * the 12-digit strings they were read as. The detail's trees are shared, not copied.
     */
    private static JsonNode canonical(JsonNode root, EventEnvelope envelope, CloudTrailDetail detail) {
        ObjectNode record = Envelopes.shallowCopy(root.get("detail"));
        if (detail.recipientAccountId() != null) {
            record.put("recipientAccountId", detail.recipientAccountId());
        }
        JsonNode caller = record.get("userIdentity");
        if (caller != null && caller.isObject() && detail.userIdentity().accountId() != null) {
            record.set("userIdentity", Envelopes.shallowCopy(caller).put("accountId", detail.userIdentity().accountId()));
        }
        return Envelopes.canonical(root, envelope.account(), record);
    }

    private static UserIdentity identity(JsonFields identity) {
        if (!identity.isPresent()) {
            return UserIdentity.unknown();
        }
        JsonFields context = identity.object("sessionContext");
        JsonFields issuer = context.object("sessionIssuer");
        JsonFields attributes = context.object("attributes");
        return new UserIdentity(
                identity.text("type"),
                identity.text("principalId"),
                identity.arn("arn"),
                identity.accountId("accountId"),
                identity.text("accessKeyId"),
                identity.text("userName"),
                identity.text("invokedBy"),
                issuer.isPresent() ? sessionIssuer(issuer) : null,
                attributes.bool("mfaAuthenticated"),
                attributes.isPresent() ? Timestamps.parse(attributes.text("creationDate")).orElse(null) : null);
    }

    private static SessionIssuer sessionIssuer(JsonFields issuer) {
        return new SessionIssuer(
                issuer.text("type"),
                issuer.text("principalId"),
                issuer.arn("arn"),
                issuer.accountId("accountId"),
                issuer.text("userName"));
    }
}
