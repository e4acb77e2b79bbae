package dev.backstop.action;

import java.util.Objects;
import java.util.Set;

/**
 * The buckets and log groups the trails visible in one account and region deliver to.
 *
 * @param buckets bucket names
 * @param logGroupArns the trails' {@code CloudWatchLogsLogGroupArn}s, as CloudTrail gives them
 *     ({@code arn:aws:logs:us-east-1:123456789012:log-group:trail-logs:*})
 */
public record TrailStorage(Set<String> buckets, Set<String> logGroupArns) {

    public TrailStorage {
        buckets = Set.copyOf(buckets);
        logGroupArns = Set.copyOf(logGroupArns);
    }

    public boolean logsToBucket(String bucket) {
        return buckets.contains(bucket);
    }

    /** True when a trail delivers to the log group of this name, account and region. */
    public boolean logsToGroup(String region, String account, String logGroupName) {
        String prefix = "arn:";
        for (String arn : logGroupArns) {
            String[] parts = arn.split(":", 7);
            if (parts.length >= 7 && arn.startsWith(prefix) && parts[2].equals("logs") && parts[3].equals(region)
                    && parts[4].equals(account) && parts[5].equals("log-group")
                    && Objects.equals(groupName(parts[6]), logGroupName)) {
                return true;
            }
        }
        return false;
    }

    /** {@code trail-logs:*} or {@code trail-logs}: the name is what comes before a trailing {@code :*}. */
    private static String groupName(String resource) {
        return resource.endsWith(":*") ? resource.substring(0, resource.length() - 2) : resource;
    }
}
