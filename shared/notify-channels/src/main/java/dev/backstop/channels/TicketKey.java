package dev.backstop.channels;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Which ticket a notice belongs to: one per ticket system and place (a Jira project, a ServiceNow
 * table), rule and resource, whatever event brought it.
 *
 * @param place where tickets are filed, such as {@code https://acme.atlassian.net/PAY}
 */
public record TicketKey(String system, String place, String rule, String resource) {

    public TicketKey {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(resource, "resource");
    }

    /** A bounded id for the key, fit for an item key and a ServiceNow correlation id (100 characters). */
    public String id() {
        return "backstop-" + digest(system + "\n" + place + "\n" + rule + "\n" + resource);
    }

    /** The first 32 hex digits of the text's SHA-256. */
    static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
