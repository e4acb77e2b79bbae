package dev.backstop.event;

import java.util.Objects;

/**
 * One CloudTrail-derived event as EventBridge delivers it.
 *
 * @param json the envelope as JSON, the form rule patterns are matched against
 */
public record CloudTrailEvent(EventEnvelope envelope, CloudTrailDetail detail, String json) {

    public CloudTrailEvent {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(json, "json");
    }

    /** The CloudTrail event id: the same API call keeps it across redeliveries and envelopes. */
    public String eventId() {
        return detail.eventId();
    }

    /** The account the call was made in: the recipient account, else the envelope's. */
    public String account() {
        return detail.recipientAccountId() != null ? detail.recipientAccountId() : envelope.account();
    }

    public String region() {
        return detail.awsRegion() != null ? detail.awsRegion() : envelope.region();
    }
}
