package dev.backstop.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Whether a delivered event says the same thing everywhere about where it comes from. A forged
 * event (a direct invocation of a handler, or a custom event on a bus whose rule forgot to name
 * its source) must not steer Backstop into another account, pass for another service's call, name
 * an audit item that is not a decision, or be dated after the call it claims to record.
 *
 * <ul>
 *   <li>{@code detail.eventID} has CloudTrail's shape, a UUID;
 *   <li>the envelope's {@code account} is {@code detail.recipientAccountId} when the record names one,
 *       so Backstop acts in the account EventBridge delivered from;
 *   <li>{@code source} is AWS's name for the service of {@code detail.eventSource}:
 *       {@code aws.s3} for {@code s3.amazonaws.com};
 *   <li>neither the envelope's {@code time} nor {@code detail.eventTime} is later than now plus
 *       {@link #CLOCK_SKEW}.
 * </ul>
 */
final class Provenance {

    /** How far ahead of Backstop's clock an event's times may be: clocks drift, not by minutes. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Pattern EVENT_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String AWS_DOMAIN = ".amazonaws.com";
    /** Services whose EventBridge source is not their host's name: CloudWatch's calls go to monitoring.amazonaws.com. */
    private static final Map<String, String> SOURCE_NAMES = Map.of("monitoring", "cloudwatch");

    private Provenance() {
    }

    static void check(CloudTrailEvent event, Instant now) {
        CloudTrailDetail detail = event.detail();
        if (!EVENT_ID.matcher(detail.eventId()).matches()) {
            throw new MalformedEventException("detail.eventID", "expected CloudTrail's event id (a lower-case UUID),"
                    + " found \"" + detail.eventId() + "\"");
        }
        String envelopeAccount = event.envelope().account();
        if (detail.recipientAccountId() != null && !detail.recipientAccountId().equals(envelopeAccount)) {
            throw new MalformedEventException("account", "the envelope says account " + envelopeAccount
                    + " but detail.recipientAccountId says " + detail.recipientAccountId()
                    + ": EventBridge delivers an account's events with its own id, so this one was re-wrapped");
        }
        requireAgreeingSource(event.envelope().source(), detail.eventSource());
        requireNotAfter("time", event.envelope().time(), now);
        requireNotAfter("detail.eventTime", detail.eventTime(), now);
    }

    /** EventBridge names a service's CloudTrail events {@code aws.<service>}, after the event source's host. */
    private static void requireAgreeingSource(String source, String eventSource) {
        if (!eventSource.endsWith(AWS_DOMAIN)) {
            throw new MalformedEventException("detail.eventSource", "expected an AWS service's host name"
                    + " (<service>" + AWS_DOMAIN + "), found \"" + eventSource + "\"");
        }
        String host = eventSource.substring(0, eventSource.length() - AWS_DOMAIN.length());
        String service = SOURCE_NAMES.getOrDefault(host, host.substring(host.lastIndexOf('.') + 1));
        if (!source.equals("aws." + host) && !source.equals("aws." + service)) {
            throw new MalformedEventException("source", "expected \"aws." + service + "\" for a call to " + eventSource
                    + ", found \"" + source + "\": only AWS delivers CloudTrail events, under the service's name");
        }
    }

    /** A time an event gives for itself must not be after now by more than {@link #CLOCK_SKEW}: nothing is delivered before it happens. */
    static void requireNotAfter(String field, Instant time, Instant now) {
        if (time.isAfter(now.plus(CLOCK_SKEW))) {
            throw new MalformedEventException(field, "dated " + time + ", after now (" + now + ") by more than "
                    + CLOCK_SKEW.toMinutes() + " minutes of clock skew: nothing is delivered before it happens");
        }
    }
}
