package dev.backstop.channels;

import java.util.Objects;

/**
 * What became of one notice at one channel, as it is noted on the audit record:
 * {@code sent jira PAY at https://acme.atlassian.net for RULE on RESOURCE: opened PAY-12}.
 *
 * @param key the channel, rule and resource, which a redelivery of the same record skips once sent
 * @param status {@code sent} or {@code failed}
 */
public record Delivery(String contact, String key, String status, String detail) {

    public Delivery {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean failed() {
        return status.equals("failed");
    }

    /** The note on the audit record. */
    public String note() {
        return status + " " + key + ": " + detail;
    }
}
