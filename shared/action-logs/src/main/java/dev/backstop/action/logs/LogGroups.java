package dev.backstop.action.logs;

import dev.backstop.aws.Partitions;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

/** Log groups as the actions read and change them: by name, their retention, their tags. */
final class LogGroups {

    static final String HISTORY = "log-retention";

    private final CloudWatchLogsClient logs;
    private final Region region;

    @Inject
    LogGroups(CloudWatchLogsClient logs, Region region) {
        this.logs = logs;
        this.region = region;
    }

    /** The group a call named: {@code requestParameters.logGroupName}. */
    static String named(CloudTrailEvent event) {
        String name = event.detail().requestParameters().path("logGroupName").asText("");
        if (name.isBlank()) {
            throw new MalformedEventException("detail.requestParameters.logGroupName", "is missing");
        }
        return name;
    }

    String arn(String account, String name) {
        return "arn:" + Partitions.of(region) + ":logs:" + region.id() + ":" + account + ":log-group:" + name;
    }

    /** The group's retention now, or empty when there is no such group. */
    Optional<Retention> retention(String name) {
        return group(name).map(group -> group.retentionInDays() == null ? Retention.never()
                : new Retention(group.retentionInDays()));
    }

    void setRetention(String name, Retention retention) {
        if (retention.expires()) {
            logs.putRetentionPolicy(request -> request.logGroupName(name).retentionInDays(retention.days()));
        } else {
            logs.deleteRetentionPolicy(request -> request.logGroupName(name));
        }
    }

    Map<String, String> tags(String arn) {
        return logs.listTagsForResource(request -> request.resourceArn(arn)).tags();
    }

    private Optional<LogGroup> group(String name) {
        return logs.describeLogGroups(request -> request.logGroupNamePrefix(name)).logGroups().stream()
                .filter(group -> name.equals(group.logGroupName()))
                .findFirst();
    }
}
