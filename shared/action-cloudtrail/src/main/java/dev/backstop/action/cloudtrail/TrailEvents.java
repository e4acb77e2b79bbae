package dev.backstop.action.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;

/** Reads which trail a CloudTrail API call (or a watchdog finding) is about. */
final class TrailEvents {

    private TrailEvents() {
    }

    /**
     * The trail as the call named it: {@code requestParameters.name} (CreateTrail, UpdateTrail,
     * DeleteTrail, StopLogging) or {@code trailName} (Put/GetEventSelectors), a name or an ARN.
     */
    static String named(CloudTrailEvent event) {
        JsonNode request = event.detail().requestParameters();
        String named = request.path("name").asText("");
        if (named.isBlank()) {
            named = request.path("trailName").asText("");
        }
        if (named.isBlank()) {
            throw new MalformedEventException("detail.requestParameters.name",
                    "is missing (and so is trailName); the trail is unknown");
        }
        return named;
    }

    /** The trail's ARN: as named, or built from a name and the event's account and region. */
    static String arn(CloudTrailEvent event) {
        String named = named(event);
        return named.startsWith("arn:") ? named
                : "arn:aws:cloudtrail:" + event.region() + ":" + event.account() + ":trail/" + named;
    }

    /** The request parameter as text, empty when the call did not send it; booleans may come as strings. */
    static String sent(CloudTrailEvent event, String parameter) {
        JsonNode value = event.detail().requestParameters().path(parameter);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }
}
