package dev.backstop.config;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a team keeps its own rule file: an S3 object, {@code s3://bucket/key}. (S3 only: the SSM
 * client would add 6 MB to every handler for one parameter read.)
 */
public record RulesLocation(String bucket, String key) {

    private static final Pattern S3 = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.+)");

    public RulesLocation {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }

    public static RulesLocation parse(String text) {
        Matcher s3 = S3.matcher(text);
        if (!s3.matches()) {
            throw new IllegalArgumentException("expected s3://BUCKET/KEY, found \"" + text + "\"");
        }
        return new RulesLocation(s3.group(1), s3.group(2));
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
