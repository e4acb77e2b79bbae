package dev.backstop.watchdog;

import dev.backstop.event.ScheduledEvent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.cloudtrail.TrailInspector.Finding;
import java.time.Instant;

/**
 * A watchdog finding in the shape of the events the engine decides: an "AWS API Call via
 * CloudTrail" from source {@value #SOURCE}, event name {@value #EVENT_NAME}, the trail's ARN in
 * {@code requestParameters.name} (where the trail actions look) and the drift in
 * {@code requestParameters.drift}. So rules match it, and modes, exemptions, the audit record and
 * notification treat it as any event; its event id is {@code watchdog#<run id>#<trail ARN>}, one
 * per run and trail. It is not a CloudTrail event id, so the watchdog hands the event to the engine in
 * process, never through a handler that checks a delivered event's provenance.
 */
final class DriftEvent {

    static final String SOURCE = "backstop.watchdog";
    static final String EVENT_NAME = "TrailDrift";

    private DriftEvent() {
    }

    static String eventId(ScheduledEvent run, String trailArn) {
        return "watchdog#" + run.id() + "#" + trailArn;
    }

    static byte[] of(ScheduledEvent run, Finding finding, String region, Instant now, ObjectMapper json) {
        ObjectNode event = json.createObjectNode();
        event.put("version", "0").put("id", eventId(run, finding.trailArn()))
                .put("detail-type", "AWS API Call via CloudTrail").put("source", SOURCE)
                .put("account", run.account()).put("time", now.toString()).put("region", region);
        event.putArray("resources").add(finding.trailArn());
        ObjectNode detail = event.putObject("detail");
        detail.put("eventVersion", "1.09").put("eventID", eventId(run, finding.trailArn()))
                .put("eventName", EVENT_NAME).put("eventSource", SOURCE).put("eventType", "BackstopWatchdogCheck")
                .put("eventTime", now.toString()).put("awsRegion", region).put("recipientAccountId", run.account())
                .put("readOnly", false);
        detail.putObject("userIdentity").put("type", "AWSService").put("invokedBy", SOURCE);
        ObjectNode request = detail.putObject("requestParameters").put("name", finding.trailArn());
        finding.drift().forEach(request.putArray("drift")::add);
        detail.putNull("responseElements");
        try {
            return json.writeValueAsBytes(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }
}
