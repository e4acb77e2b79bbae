package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The EventBridge "Scheduled Event" that starts a scheduled function's run (the trail watchdog's,
 * the canary's). Its id names the run: a redelivery of the same tick carries the same id.
 */
public record ScheduledEvent(String id, String account) {

    public static final String DETAIL_TYPE = "Scheduled Event";
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    public static ScheduledEvent parse(byte[] payload, ObjectMapper json) {
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (IOException e) {
            throw new MalformedEventException("$", "not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("$", "expected an EventBridge Scheduled Event object");
        }
        String detailType = root.path("detail-type").asText("");
        if (!DETAIL_TYPE.equals(detailType)) {
            throw new MalformedEventException("detail-type", "expected \"" + DETAIL_TYPE + "\", found \""
                    + detailType + "\"");
        }
        String id = root.path("id").asText("");
        if (id.isBlank()) {
            throw new MalformedEventException("id", "is missing");
        }
        String account = root.path("account").asText("");
        if (!ACCOUNT.matcher(account).matches()) {
            throw new MalformedEventException("account", "expected 12 digits, found \"" + account + "\"");
        }
        return new ScheduledEvent(id, account);
    }
}
