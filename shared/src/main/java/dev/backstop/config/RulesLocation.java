package dev.backstop.config;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a team keeps its own rule file: an S3 object ({@code s3://bucket/key}) or an SSM
 * parameter ({@code ssm:/path/name}).
 */
public record RulesLocation(Kind kind, String bucket, String key, String parameter) {

    public enum Kind { S3, SSM }

    private static final Pattern S3 = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.+)");
    private static final Pattern SSM = Pattern.compile("ssm:(/[A-Za-z0-9_.\\-/]+)");

    public RulesLocation {
        Objects.requireNonNull(kind, "kind");
    }

    public static RulesLocation parse(String text) {
        Matcher s3 = S3.matcher(text);
        if (s3.matches()) {
            return new RulesLocation(Kind.S3, s3.group(1), s3.group(2), null);
        }
        Matcher ssm = SSM.matcher(text);
        if (ssm.matches()) {
            return new RulesLocation(Kind.SSM, null, null, ssm.group(1));
        }
        throw new IllegalArgumentException("expected s3://BUCKET/KEY or ssm:/PARAMETER/NAME, found \"" + text + "\"");
    }

    @Override
    public String toString() {
        return kind == Kind.S3 ? "s3://" + bucket + "/" + key : "ssm:" + parameter;
    }
}
