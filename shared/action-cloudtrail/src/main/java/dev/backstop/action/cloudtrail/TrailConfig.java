package dev.backstop.action.cloudtrail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A trail's configuration, as Backstop snapshots it to recreate or restore the trail: everything
 * CreateTrail, UpdateTrail and Put*EventSelectors take, and the tags. Absent strings are empty.
 */
public record TrailConfig(
        String name,
        String arn,
        String s3BucketName,
        String s3KeyPrefix,
        String snsTopicName,
        String kmsKeyId,
        boolean multiRegion,
        boolean includeGlobalServiceEvents,
        boolean logFileValidation,
        boolean organizationTrail,
        String cloudWatchLogsLogGroupArn,
        String cloudWatchLogsRoleArn,
        EventSelectors selectors,
        Map<String, String> tags) {

    /** The settings whose weakening Backstop undoes, in the order the audit record lists them. */
    static final List<String> GUARDED = List.of("s3BucketName", "s3KeyPrefix", "kmsKeyId", "isMultiRegionTrail",
            "includeGlobalServiceEvents", "logFileValidationEnabled");

    public TrailConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arn, "arn");
        s3BucketName = orEmpty(s3BucketName);
        s3KeyPrefix = orEmpty(s3KeyPrefix);
        snsTopicName = orEmpty(snsTopicName);
        kmsKeyId = orEmpty(kmsKeyId);
        cloudWatchLogsLogGroupArn = orEmpty(cloudWatchLogsLogGroupArn);
        cloudWatchLogsRoleArn = orEmpty(cloudWatchLogsRoleArn);
        Objects.requireNonNull(selectors, "selectors");
        tags = Map.copyOf(tags);
    }

    /**
     * How these settings weaken {@code before}, in words; empty when they do not: multi-region,
     * global service events or log file validation turned off, another bucket, another or no KMS
     * key. A new prefix, topic or CloudWatch Logs group is the team's business.
     */
    List<String> settingsWeakenedFrom(TrailConfig before) {
        List<String> weakened = new ArrayList<>();
        if (before.multiRegion && !multiRegion) {
            weakened.add("multi-region turned off");
        }
        if (before.includeGlobalServiceEvents && !includeGlobalServiceEvents) {
            weakened.add("global service events turned off");
        }
        if (before.logFileValidation && !logFileValidation) {
            weakened.add("log file validation turned off");
        }
        if (!before.s3BucketName.equals(s3BucketName)) {
            weakened.add("bucket " + before.s3BucketName + " replaced by " + s3BucketName);
        }
        if (!before.kmsKeyId.isEmpty() && !before.kmsKeyId.equals(kmsKeyId)) {
            weakened.add(kmsKeyId.isEmpty() ? "KMS key " + before.kmsKeyId + " removed"
                    : "KMS key " + before.kmsKeyId + " replaced by " + kmsKeyId);
        }
        return weakened;
    }

    /** How the event selectors log fewer management events than {@code before}; empty when they do not. */
    List<String> selectorsWeakenedFrom(TrailConfig before) {
        ManagementCoverage was = before.selectors.management();
        ManagementCoverage now = selectors.management();
        return now.narrowerThan(was)
                ? List.of("management events narrowed from " + was.describe() + " to " + now.describe())
                : List.of();
    }

    /** Every way these settings and selectors weaken {@code before}. */
    List<String> weakenedFrom(TrailConfig before) {
        List<String> all = new ArrayList<>(settingsWeakenedFrom(before));
        all.addAll(selectorsWeakenedFrom(before));
        return all;
    }

    /** The guarded settings by their API names, as the audit record's before and after state shows them. */
    Map<String, String> guardedSettings() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("s3BucketName", s3BucketName);
        facts.put("s3KeyPrefix", s3KeyPrefix);
        facts.put("kmsKeyId", kmsKeyId);
        facts.put("isMultiRegionTrail", Boolean.toString(multiRegion));
        facts.put("includeGlobalServiceEvents", Boolean.toString(includeGlobalServiceEvents));
        facts.put("logFileValidationEnabled", Boolean.toString(logFileValidation));
        return facts;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
