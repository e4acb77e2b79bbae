package dev.backstop.channels;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the notification function's environment tells the channels.
 *
 * @param secretsPrefix the secret names channels may read start with it ({@code BACKSTOP_SECRETS_PREFIX},
 *     default {@code backstop/}); the function's role may read only secrets under it, and a rule
 *     file naming another secret gets a failed delivery that says so
 */
public record ChannelSettings(String secretsPrefix) {

    public static final String SECRETS_PREFIX = "BACKSTOP_SECRETS_PREFIX";
    public static final String DEFAULT_PREFIX = "backstop/";
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,256}");

    public ChannelSettings {
        Objects.requireNonNull(secretsPrefix, "secretsPrefix");
        if (!PREFIX.matcher(secretsPrefix).matches()) {
            throw new IllegalArgumentException(SECRETS_PREFIX + ": expected the start of a secret name such as backstop/,"
                    + " found \"" + secretsPrefix + "\"");
        }
    }

    public static ChannelSettings fromEnvironment(Map<String, String> env) {
        String prefix = env.getOrDefault(SECRETS_PREFIX, "").trim();
        return new ChannelSettings(prefix.isEmpty() ? DEFAULT_PREFIX : prefix);
    }
}
