package dev.backstop.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
 */
@Singleton
public final class CloudTrailEventParser implements TriggerReader {

    public static final String DETAIL_TYPE = "AWS API Call via CloudTrail";
    /** Console sign-ins (source aws.signin, eventName ConsoleLogin): the same CloudTrail record under another name. */
    public static final String SIGN_IN_DETAIL_TYPE = "AWS Console Sign In via CloudTrail";
    private static final Set<String> DETAIL_TYPES = Set.of(DETAIL_TYPE, SIGN_IN_DETAIL_TYPE);

    private final ObjectMapper mapper;

    @Inject
    public CloudTrailEventParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Class<CloudTrailEvent> reads() {
        return CloudTrailEvent.class;
    }

    @Override
    public List<Delivery> deliveries(byte[] payload) {
        return List.of(delivery(payload));
    }

    /** The payload's one event, or its rejection keyed by the whole payload. */
    public Delivery delivery(byte[] payload) {
        try {
            return Delivery.of(parse(payload));
        } catch (MalformedEventException e) {
            return Delivery.rejected(payload, e);
        }
    }

    public CloudTrailEvent parse(byte[] json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("$", "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedEventException("$", "unreadable: " + e.getMessage());
        }
        return parse(root);
    }

    public CloudTrailEvent parse(JsonNode root) {
        JsonFields envelope = JsonFields.requireObject(root, "");
        String detailType = envelope.requiredText("detail-type");
        if (!DETAIL_TYPES.contains(detailType)) {
            throw new MalformedEventException("detail-type", "expected \"" + DETAIL_TYPE + "\" or \""
                    + SIGN_IN_DETAIL_TYPE + "\", found \"" + detailType + "\"");
        }
        EventEnvelope parsedEnvelope = new EventEnvelope(
                envelope.requiredText("id"),
                detailType,
                envelope.requiredText("source"),
                envelope.requiredAccountId("account"),
                envelope.text("region"),
                envelope.requiredTime("time"));
        JsonFields detail = JsonFields.requireObject(root.get("detail"), "detail");
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
        return new CloudTrailEvent(parsedEnvelope, parsedDetail, root);
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
                identity.text("arn"),
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
                issuer.text("arn"),
                issuer.accountId("accountId"),
                issuer.text("userName"));
    }
}
