package dev.backstop.cli.selfcheck;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.audit.AnchoredHeads;
import dev.backstop.audit.ChainAnchors;
import dev.backstop.audit.ChainProblem;
import dev.backstop.aws.CredentialScope;
import dev.backstop.aws.MemberAccounts;
import dev.backstop.aws.Partitions;
import dev.backstop.config.RulesLocation;
import dev.backstop.telemetry.Heartbeat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.inject.Inject;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import dev.backstop.aws.S3ObjectReader;

/**
 * Whether Backstop is still seeing and recording what happens: the canary's heartbeat per account,
 * the audit chains against their last anchor, and each member account's forwarding rules (read
 * through the member role).
 */
final class IntegrityChecks {

    /**
     * member-account.yaml names its forwarding rules PREFIX, PREFIX-ingress, PREFIX-rules,
     * PREFIX-sharing, PREFIX-detection, PREFIX-findings and PREFIX-keys (and PREFIX-key-use,
     * optional).
     */
    static final List<String> FORWARD_SUFFIXES = List.of("", "-ingress", "-rules", "-sharing", "-detection", "-findings",
            "-keys");

    private final CloudWatchClient cloudWatch;
    private final EventBridgeClient eventBridge;
    private final DynamoDbClient dynamoDb;
    private final S3ObjectReader s3Objects;
    private final MemberAccounts members;
    private final ObjectMapper json;
    private final Region region;
    private final Clock clock;

    @Inject
    IntegrityChecks(CloudWatchClient cloudWatch, EventBridgeClient eventBridge, DynamoDbClient dynamoDb,
            S3ObjectReader s3Objects, MemberAccounts members, ObjectMapper json, Region region, Clock clock) {
        this.cloudWatch = cloudWatch;
        this.eventBridge = eventBridge;
        this.dynamoDb = dynamoDb;
        this.s3Objects = s3Objects;
        this.members = members;
        this.json = json;
        this.region = region;
        this.clock = clock;
    }

    Check heartbeat(String account, Duration within) {
        String name = "canary heartbeat " + account + "/" + region.id();
        Instant now = clock.instant();
        List<Datapoint> points = cloudWatch.getMetricStatistics(request -> request.namespace(Heartbeat.NAMESPACE)
                .metricName(Heartbeat.METRIC)
                .dimensions(Dimension.builder().name(Heartbeat.ACCOUNT).value(account).build(),
                        Dimension.builder().name(Heartbeat.REGION).value(region.id()).build())
                .startTime(now.minus(within)).endTime(now.plusSeconds(60)).period(60)
                .statistics(Statistic.SUM)).datapoints();
        double beats = points.stream().mapToDouble(point -> point.sum() == null ? 0 : point.sum()).sum();
        if (beats < 1) {
            return Check.fail(name, "no heartbeat in the last " + within.toMinutes() + " minutes: no canary loop closed"
                    + " (canary stopped, or Backstop did not undo its change)");
        }
        Instant last = points.stream().map(Datapoint::timestamp).max(Instant::compareTo).orElseThrow();
        return Check.pass(name, "last heartbeat " + last);
    }

    Check anchor(RulesLocation at, String table) {
        String name = "chain heads vs anchor";
        byte[] content = s3Objects.readIfChanged(at.bucket(), at.key(), null)
                .orElseThrow(() -> new IllegalStateException("cannot read " + at)).content();
        AnchoredHeads anchored = AnchoredHeads.parse(content, json, at.toString());
        List<ChainProblem> problems = new ChainAnchors(dynamoDb, table).against(anchored);
        if (!problems.isEmpty()) {
            return Check.fail(name, problems.size() + " chain(s) disagree with " + at + ": "
                    + problems.stream().map(ChainProblem::toString).toList());
        }
        return Check.pass(name, anchored.heads().size() + " chain(s) agree with " + at + " (anchored "
                + anchored.anchoredAt() + ")");
    }

    List<Check> forwarding(String member, String homeAccount, String prefix) {
        String bus = "arn:" + Partitions.of(region) + ":events:" + region.id() + ":" + homeAccount + ":event-bus/default";
        return FORWARD_SUFFIXES.stream().map(suffix -> prefix + suffix).map(rule -> Check.guarded(
                "member " + member + " forwarding rule " + rule, () -> {
                    try (CredentialScope.Scope acting = members.actAs(member)) {
                        return forwardingRule(member, rule, bus);
                    }
                })).toList();
    }

    private Check forwardingRule(String member, String rule, String bus) {
        String name = "member " + member + " forwarding rule " + rule;
        DescribeRuleResponse described = eventBridge.describeRule(request -> request.name(rule));
        if (described.state() != RuleState.ENABLED) {
            return Check.fail(name, "is " + described.stateAsString() + ": the member's events no longer arrive");
        }
        List<String> targets = eventBridge.listTargetsByRule(request -> request.rule(rule)).targets().stream()
                .map(Target::arn).toList();
        if (!targets.contains(bus)) {
            return Check.fail(name, "does not deliver to " + bus + " (targets: " + targets + ")");
        }
        return Check.pass(name, "enabled, delivers to " + bus);
    }
}
