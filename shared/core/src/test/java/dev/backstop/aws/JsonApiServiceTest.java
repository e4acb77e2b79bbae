package dev.backstop.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/**
 * The endpoint settings {@link JsonApi} reads are the ones the service's own SDK client reads:
 * named as the SDK's code generator names them from the service id (its own table of service ids
 * holds these rows), and, for CloudTrail, whose SDK module this build has, read by its client too.
 */
class JsonApiServiceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "CloudTrail,      AWS_ENDPOINT_URL_CLOUDTRAIL,      cloudtrail,      aws.endpointUrlCloudTrail",
        "SecurityHub,     AWS_ENDPOINT_URL_SECURITYHUB,     securityhub,     aws.endpointUrlSecurityHub",
        "GuardDuty,       AWS_ENDPOINT_URL_GUARDDUTY,       guardduty,       aws.endpointUrlGuardDuty",
        "Route53Resolver, AWS_ENDPOINT_URL_ROUTE53RESOLVER, route53resolver, aws.endpointUrlRoute53Resolver",
        "Config Service,  AWS_ENDPOINT_URL_CONFIG_SERVICE,  config_service,  aws.endpointUrlConfig",
        "CloudWatch Logs, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, cloudwatch_logs, aws.endpointUrlCloudWatchLogs",
        "SNS,             AWS_ENDPOINT_URL_SNS,             sns,             aws.endpointUrlSns",
    })
    void namesTheEndpointSettingsAsTheSdkNamesThemFromTheServiceId(String serviceId, String environmentVariable,
            String profileProperty, String systemProperty) {
        JsonApi.Service service = new JsonApi.Service("signing", "prefix", serviceId, null);

        assertThat(service.environmentVariable()).isEqualTo(environmentVariable);
        assertThat(service.profileProperty()).isEqualTo(profileProperty);
        assertThat(service.systemProperty()).isEqualTo(systemProperty);
    }

    @Test
    void readsTheEndpointFromTheSystemPropertyTheCloudTrailClientReads() {
        String property = SignedTrailDestinations.CLOUDTRAIL.systemProperty();
        URI local = URI.create("http://127.0.0.1:4599");
        System.setProperty(property, local.toString());
        try (CloudTrailClient client = CloudTrailClient.builder().region(Region.EU_WEST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            JsonApi api = new JsonApi(UrlConnectionHttpClient.create(), AnonymousCredentialsProvider.create(),
                    Region.EU_WEST_1, SignedTrailDestinations.CLOUDTRAIL);

            assertThat(client.serviceClientConfiguration().endpointOverride()).contains(local);
            assertThat(api.targetRequest("DescribeTrails", SignedTrailDestinations.request()).getUri())
                    .isEqualTo(URI.create(local + "/"));
        } finally {
            System.clearProperty(property);
        }
    }
}
