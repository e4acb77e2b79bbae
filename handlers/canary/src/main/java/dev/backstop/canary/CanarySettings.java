package dev.backstop.canary;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the canary is told by its environment: its bucket in the home account
 * ({@code BACKSTOP_CANARY_BUCKET}, the template's CanaryBucket) and the role it assumes in each
 * member account ({@code BACKSTOP_CANARY_ROLE_NAME}, member-account.yaml's CanaryRole), whose
 * bucket there is named {@code backstop-canary-ACCOUNT-REGION} by member-account.yaml.
 */
public record CanarySettings(String homeBucket, String memberRoleName) {

    public static final String BUCKET = "BACKSTOP_CANARY_BUCKET";
    public static final String ROLE_NAME = "BACKSTOP_CANARY_ROLE_NAME";
    static final String DEFAULT_ROLE_NAME = "BackstopCanary";
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern ROLE = Pattern.compile("[\\w+=,.@-]{1,64}");

    public CanarySettings {
        Objects.requireNonNull(homeBucket, "homeBucket");
        Objects.requireNonNull(memberRoleName, "memberRoleName");
        if (!BUCKET_NAME.matcher(homeBucket).matches()) {
            throw new IllegalArgumentException(BUCKET + ": not a bucket name: \"" + homeBucket + "\"");
        }
        if (!ROLE.matcher(memberRoleName).matches()) {
            throw new IllegalArgumentException(ROLE_NAME + ": not an IAM role name: \"" + memberRoleName + "\"");
        }
    }

    public static CanarySettings fromEnvironment(Map<String, String> env) {
        String bucket = env.getOrDefault(BUCKET, "").trim();
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException(BUCKET + " is not set");
        }
        String role = env.getOrDefault(ROLE_NAME, "").trim();
        return new CanarySettings(bucket, role.isEmpty() ? DEFAULT_ROLE_NAME : role);
    }

    /** The canary bucket member-account.yaml makes in a member account and region. */
    static String memberBucket(String account, String region) {
        return "backstop-canary-" + account + "-" + region;
    }
}
