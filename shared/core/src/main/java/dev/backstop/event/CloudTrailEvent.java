package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One CloudTrail-derived event as EventBridge delivers it.
 *
 * @param tree the envelope as parsed, the form rule patterns are matched against; read it, never
 *     change it (matching reads this tree rather than parsing the event again)
 */
public record CloudTrailEvent(EventEnvelope envelope, CloudTrailDetail detail, JsonNode tree) implements Trigger {

    public CloudTrailEvent {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(tree, "tree");
    }

    /** The envelope as JSON text, written anew on each call. */
    public String json() {
        return tree.toString();
    }

    /** The CloudTrail event id: the same API call keeps it across redeliveries and envelopes. */
    public String eventId() {
        return detail.eventId();
    }

    /** The CloudTrail event id, which one decision is made per. */
    @Override
    public String id() {
        return eventId();
    }

    @Override
    public Optional<UserIdentity> caller() {
        return Optional.of(detail.userIdentity());
    }

    /** The API call's name. */
    @Override
    public String summary() {
        return detail.eventName();
    }

    /**
     * The account the call was made in and Backstop acts in: the envelope's, the account EventBridge
     * delivered the event from (a delivered event whose recipient account differs is rejected).
     */
    @Override
    public String account() {
        return envelope.account();
    }

    @Override
    public String region() {
        return detail.awsRegion() != null ? detail.awsRegion() : envelope.region();
    }
}
