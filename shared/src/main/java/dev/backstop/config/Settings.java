package dev.backstop.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a deployment tells Backstop through its environment, read once and validated.
 *
 * @param auditTable the DynamoDB table for audit records ({@code BACKSTOP_AUDIT_TABLE})
 * @param topicArn the SNS topic for notifications ({@code BACKSTOP_TOPIC_ARN})
 * @param mode the global mode, a ceiling for every rule ({@code BACKSTOP_MODE}, default dry-run)
 * @param ownPrincipals ARN patterns of Backstop's own roles, {@code *} as wildcard
 *     ({@code BACKSTOP_OWN_PRINCIPALS}, comma-separated): their events are audited, never acted on
 */
public record Settings(String auditTable, String topicArn, Mode mode, List<String> ownPrincipals) {

    public static final String AUDIT_TABLE = "BACKSTOP_AUDIT_TABLE";
    public static final String TOPIC_ARN = "BACKSTOP_TOPIC_ARN";
    public static final String MODE = "BACKSTOP_MODE";
    public static final String OWN_PRINCIPALS = "BACKSTOP_OWN_PRINCIPALS";

    public Settings {
        Objects.requireNonNull(auditTable, "auditTable");
        Objects.requireNonNull(topicArn, "topicArn");
        Objects.requireNonNull(mode, "mode");
        ownPrincipals = List.copyOf(ownPrincipals);
    }

    public static Settings fromEnvironment(Map<String, String> env) {
        String topicArn = required(env, TOPIC_ARN);
        if (!topicArn.startsWith("arn:")) {
            throw new SettingsException(TOPIC_ARN + ": expected an SNS topic ARN, found \"" + topicArn + "\"");
        }
        Mode mode;
        try {
            mode = Mode.parse(env.getOrDefault(MODE, Mode.DRY_RUN.label()));
        } catch (IllegalArgumentException e) {
            throw new SettingsException(MODE + ": " + e.getMessage());
        }
        List<String> own = Arrays.stream(env.getOrDefault(OWN_PRINCIPALS, "").split(","))
                .map(String::trim)
                .filter(arn -> !arn.isEmpty())
                .toList();
        return new Settings(required(env, AUDIT_TABLE), topicArn, mode, own);
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new SettingsException(name + " is not set");
        }
        return value.trim();
    }
}
