package dev.backstop.canary;

import dev.backstop.telemetry.Heartbeat;
import java.time.Clock;
import javax.inject.Inject;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * One heartbeat datapoint per closed loop, in the home account's CloudWatch. A PutMetricData call,
 * not an EMF log line: the alarm and selfcheck must see it as soon as the loop closes, and on the
 * emulators too, which turn no log line into a metric.
 */
final class HeartbeatPublisher {

    private final CloudWatchClient cloudWatch;
    private final Clock clock;

    @Inject
    HeartbeatPublisher(CloudWatchClient cloudWatch, Clock clock) {
        this.cloudWatch = cloudWatch;
        this.clock = clock;
    }

    void beat(String account, String region) {
        cloudWatch.putMetricData(request -> request.namespace(Heartbeat.NAMESPACE).metricData(datum -> datum
                .metricName(Heartbeat.METRIC).value(1.0).unit(StandardUnit.COUNT).timestamp(clock.instant())
                .dimensions(Dimension.builder().name(Heartbeat.ACCOUNT).value(account).build(),
                        Dimension.builder().name(Heartbeat.REGION).value(region).build())));
    }
}
