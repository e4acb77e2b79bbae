package dev.backstop.config;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a team keeps its own rule file: an S3 object, {@code s3://bucket/key}, and the account
 * that must own the bucket. The read sends that account as the expected bucket owner, so a bucket
 * of the same name in another account (deleted, then created by someone else) is never read. (S3
 * only: the SSM client would add 6 MB to every handler for one parameter read.)
 *
 * @param expectedOwner the bucket owner's account id ({@code BACKSTOP_RULES_BUCKET_OWNER}, else
 *     the home account); empty when neither is known (the command line and tests)
 */
public record RulesLocation(String bucket, String key, Optional<String> expectedOwner) {

    public static final String BUCKET_OWNER = "BACKSTOP_RULES_BUCKET_OWNER";

    private static final Pattern S3 = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.+)");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    public RulesLocation {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expectedOwner, "expectedOwner");
        expectedOwner.filter(owner -> !ACCOUNT.matcher(owner).matches()).ifPresent(owner -> {
            throw new IllegalArgumentException("the bucket owner must be a 12-digit account id, found \"" + owner + "\"");
        });
    }

    /** A location whose bucket owner is not checked. */
    public RulesLocation(String bucket, String key) {
        this(bucket, key, Optional.empty());
    }

    public static RulesLocation parse(String text) {
        Matcher s3 = S3.matcher(text);
        if (!s3.matches()) {
            throw new IllegalArgumentException("expected s3://BUCKET/KEY, found \"" + text + "\"");
        }
        return new RulesLocation(s3.group(1), s3.group(2));
    }

    /** The same location, read only from a bucket this account owns. */
    public RulesLocation ownedBy(String account) {
        return new RulesLocation(bucket, key, Optional.of(account));
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
