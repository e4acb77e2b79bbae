package dev.backstop.action.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.CallTargets;
import dev.backstop.aws.Partitions;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads which trail a CloudTrail API call (or a watchdog finding) is about. */
final class TrailEvents {

    /** A trail's name as CloudTrail allows it: 3 to 128 letters, digits, periods, underscores and dashes. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]");
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:cloudtrail:[a-z]{2}(-[a-z]+)+-[0-9]+:[0-9]{12}:trail/"
            + NAME.pattern());
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");

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
                : "arn:" + Partitions.of(event.region()) + ":cloudtrail:" + event.region() + ":" + event.account()
                        + ":trail/" + named;
    }

    /**
     * The ARN of the trail the call named, when the event alone makes it certain: a trail ARN as
     * named, or a trail name in the event's account and region, where CloudTrail found it (a name
     * is unique in an account's region, and a call that changes a trail is made in its home
     * region). Empty for anything else, which only CloudTrail can resolve.
     */
    static Optional<String> certainArn(CloudTrailEvent event, String named) {
        if (ARN.matcher(named).matches()) {
            return Optional.of(named);
        }
        if (!NAME.matcher(named).matches() || event.account() == null || !ACCOUNT.matcher(event.account()).matches()
                || event.region() == null || !REGION.matcher(event.region()).matches()) {
            return Optional.empty();
        }
        return CallTargets.regional(event, "cloudtrail", "trail/" + named);
    }

    /** The request parameter as text, empty when the call did not send it; booleans may come as strings. */
    static String sent(CloudTrailEvent event, String parameter) {
        JsonNode value = event.detail().requestParameters().path(parameter);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }
}
