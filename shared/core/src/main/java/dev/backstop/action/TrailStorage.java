package dev.backstop.action;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The buckets and log groups the trails visible in one account and region deliver to.
 *
 * @param buckets bucket names
 * @param logGroupArns the trails' {@code CloudWatchLogsLogGroupArn}s, as CloudTrail gives them
 *     ({@code arn:aws:logs:us-east-1:123456789012:log-group:trail-logs:*})
 */
public record TrailStorage(Set<String> buckets, Set<String> logGroupArns) {

    private static final Pattern LOG_GROUP_ARN = Pattern.compile(
            "arn:aws[a-z-]*:logs:[a-z]{2}(-[a-z]+)+-[0-9]+:[0-9]{12}:log-group:[-._/#A-Za-z0-9]{1,512}(:\\*)?");

    /**
     * Refuses a log group that is no log group ARN, as CloudTrail documents the field: read as
     * "no trail's group", it would leave the group a trail delivers to unguarded.
     */
    public TrailStorage {
        buckets = Set.copyOf(buckets);
        logGroupArns = Set.copyOf(logGroupArns);
        for (String arn : logGroupArns) {
            if (!LOG_GROUP_ARN.matcher(arn).matches()) {
                throw new IllegalArgumentException("a trail's CloudWatchLogsLogGroupArn is no log group ARN"
                        + " (arn:<partition>:logs:<region>:<account>:log-group:<name>[:*]): " + arn);
            }
        }
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
