package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.correlate.Correlated;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.AlarmMetric;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * Correlation reads an instance's security groups from LocalStack's EC2 through the real SDK
 * client; CloudTrail's LookupEvents, which neither emulator serves, is faked at the SDK edge and
 * only records what it is asked. The instance has no profile: LocalStack's RunInstances does not
 * find an instance profile made in its own IAM (404), so the role is covered at the SDK edge in
 * {@code ChangeLookupTest} only.
 */
class CorrelationIT {

    @Test
    void anInstanceAlarmLooksUpTheInstanceAndItsSecurityGroup() {
        Emulators.requireLocalEndpoint();
        Region region = new DefaultAwsRegionProviderChain().getRegion();
        var http = UrlConnectionHttpClient.create();
        var credentials = EnvironmentVariableCredentialsProvider.create();
        Ec2Client ec2 = AwsClientsModule.build(Ec2Client.builder(), http, credentials, region);
        String prefix = Emulators.uniquePrefix("correlate");
        String vpcId = ec2.describeVpcs(request -> request.filters(Filter.builder().name("is-default").values("true").build()))
                .vpcs().get(0).vpcId();
        String imageId = ec2.describeImages(request -> request.owners("amazon")).images().get(0).imageId();
        String group = ec2.createSecurityGroup(request -> request.groupName(prefix).vpcId(vpcId).description("web"))
                .groupId();
        String instanceId = ec2.runInstances(request -> request.imageId(imageId).instanceType("t3.micro").minCount(1)
                .maxCount(1).securityGroupIds(group))
                .instances().get(0).instanceId();
        try {
            History history = new History();
            Correlated found = DaggerAlarmItComponent.factory()
                    .create(new Settings("audit", "arn:aws:sns:us-east-1:000000000000:backstop", Mode.ENFORCE, List.of()),
                            Clock.systemUTC(), history)
                    .changes().before(alarm(instanceId), Duration.ofMinutes(15));

            assertThat(found.resources()).containsExactly(instanceId, group);
            assertThat(history.requests).extracting(request -> request.lookupAttributes().get(0).attributeValue())
                    .containsExactly(instanceId, group);
            assertThat(found.note()).isNull();
        } finally {
            ec2.terminateInstances(request -> request.instanceIds(instanceId));
        }
    }

    /** An alarm in us-east-1, the one region whose CloudTrail history holds IAM's (role) events. */
    private static AlarmEvent alarm(String instanceId) {
        Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String arn = "arn:aws:cloudwatch:us-east-1:000000000000:alarm:" + instanceId + " cpu";
        return new AlarmEvent(arn + "#" + time, instanceId + " cpu", arn, "000000000000", "us-east-1", "ALARM",
                "OK", "Threshold Crossed", null, time,
                List.of(new AlarmMetric(null, "AWS/EC2", "CPUUtilization", Map.of("InstanceId", instanceId), "Average", 300,
                        null)),
                null, 90.0, "GreaterThanThreshold", JsonNodeFactory.instance.objectNode());
    }

    /** CloudTrail's event history at the SDK edge: records each lookup, finds nothing. */
    private static final class History implements CloudTrailClient {

        private final List<LookupEventsRequest> requests = new ArrayList<>();

        @Override
        public LookupEventsResponse lookupEvents(LookupEventsRequest request) {
            requests.add(request);
            return LookupEventsResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "cloudtrail";
        }

        @Override
        public void close() {
        }
    }
}
