package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The CloudTrail record inside an "AWS API Call via CloudTrail" event.
 *
 * <p>{@code requestParameters} and {@code responseElements} are JSON trees as delivered: either may
 * be a JSON null, even on success. They are the parsed event's own trees, not copies (an event of
 * a megabyte is not held twice): read them, never change them.
 */
public record CloudTrailDetail(
        String eventId,
        String eventName,
        String eventSource,
        Instant eventTime,
        String eventType,
        String awsRegion,
        UserIdentity userIdentity,
        String sourceIpAddress,
        String userAgent,
        JsonNode requestParameters,
        JsonNode responseElements,
        String errorCode,
        String errorMessage,
        String recipientAccountId,
        Boolean readOnly) {

    // Some services version their event names: UpdateFunctionCode20150331v2.
    private static final Pattern API_VERSION_SUFFIX = Pattern.compile("\\d{8}(v\\d+)?$");

    public CloudTrailDetail {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(eventSource, "eventSource");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(userIdentity, "userIdentity");
        Objects.requireNonNull(requestParameters, "requestParameters");
        Objects.requireNonNull(responseElements, "responseElements");
    }

    /** True when the API call itself failed, so there is nothing to undo. */
    public boolean failed() {
        return errorCode != null && !errorCode.isBlank();
    }

    /** The event name without an API version suffix. */
    public String baseEventName() {
        return API_VERSION_SUFFIX.matcher(eventName).replaceFirst("");
    }
}
