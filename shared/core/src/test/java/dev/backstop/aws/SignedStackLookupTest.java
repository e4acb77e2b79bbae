package dev.backstop.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.testing.LocalHttpServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The stack lookup at the SDK edge: moto's CloudFormation does not look stacks up by physical id,
 * so a local server answers with the reply CloudFormation documents.
 */
class SignedStackLookupTest {

    private final LocalHttpServer cloudFormation = LocalHttpServer.plain();
    private final SignedStackLookup lookup = new SignedStackLookup(UrlConnectionHttpClient.create(),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), Region.EU_WEST_1,
            cloudFormation.uri("/"), Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC));

    @AfterEach
    void stop() {
        cloudFormation.close();
    }

    @Test
    void findsTheStackThatManagesAResourceWithASignedQueryCall() {
        cloudFormation.answer("POST", "/", 200, """
                <DescribeStackResourcesResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
                  <DescribeStackResourcesResult>
                    <StackResources>
                      <member>
                        <StackId>arn:aws:cloudformation:eu-west-1:111122223333:stack/payments-api/abc</StackId>
                        <StackName>payments-api</StackName>
                        <LogicalResourceId>ApiSecurityGroup</LogicalResourceId>
                        <PhysicalResourceId>sg-0abc</PhysicalResourceId>
                        <ResourceType>AWS::EC2::SecurityGroup</ResourceType>
                        <ResourceStatus>CREATE_COMPLETE</ResourceStatus>
                      </member>
                    </StackResources>
                  </DescribeStackResourcesResult>
                </DescribeStackResourcesResponse>
                """);

        assertThat(lookup.stackOf("sg-0abc")).contains(
                new StackLookup.StackResource("payments-api", "ApiSecurityGroup", "AWS::EC2::SecurityGroup"));
        LocalHttpServer.Request request = cloudFormation.requests().get(0);
        assertThat(request.body()).isEqualTo("Action=DescribeStackResources&Version=2010-05-15&PhysicalResourceId=sg-0abc");
        assertThat(request.header("Content-Type")).contains("application/x-www-form-urlencoded; charset=utf-8");
        assertThat(request.header("Authorization")).hasValueSatisfying(value -> assertThat(value)
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261120/eu-west-1/cloudformation/aws4_request"));
    }

    @Test
    void takesItsEndpointFromTheSystemPropertyTheSdksCloudFormationClientReads() {
        cloudFormation.answer("POST", "/", 400, """
                <ErrorResponse><Error><Code>ValidationError</Code><Message>Stack for sg-0abc does not exist</Message></Error></ErrorResponse>
                """);
        // The name the SDK's own CloudFormation client reads (its service id, CloudFormation, in Pascal case).
        System.setProperty("aws.endpointUrlCloudFormation", cloudFormation.uri("/").toString());
        try {
            SignedStackLookup fromSettings = new SignedStackLookup(UrlConnectionHttpClient.create(),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), Region.EU_WEST_1);

            assertThat(fromSettings.stackOf("sg-0abc")).isEmpty();
        } finally {
            System.clearProperty("aws.endpointUrlCloudFormation");
        }
        assertThat(cloudFormation.requests()).hasSize(1);
    }

    @Test
    void aResourceNoStackManagesIsNoStack() {
        cloudFormation.answer("POST", "/", 400, """
                <ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
                  <Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack for sg-0abc does not exist</Message></Error>
                  <RequestId>r-1</RequestId>
                </ErrorResponse>
                """);

        assertThat(lookup.stackOf("sg-0abc")).isEmpty();
    }

    @Test
    void aDeniedLookupIsAServiceErrorNamingTheCode() {
        cloudFormation.answer("POST", "/", 403, """
                <ErrorResponse><Error><Code>AccessDenied</Code><Message>not authorized</Message></Error></ErrorResponse>
                """);

        assertThatThrownBy(() -> lookup.stackOf("sg-0abc")).isInstanceOf(SdkServiceException.class)
                .hasMessage("CloudFormation DescribeStackResources for sg-0abc: HTTP 403 AccessDenied: not authorized");
    }

    @Test
    void aReplyWithADocumentTypeIsRefusedSoNoEntityIsEverExpanded() {
        cloudFormation.answer("POST", "/", 200, """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <r><member><StackName>&x;</StackName><PhysicalResourceId>sg-0abc</PhysicalResourceId></member></r>
                """);

        assertThatThrownBy(() -> lookup.stackOf("sg-0abc")).isInstanceOf(SdkClientException.class)
                .hasMessageContaining("not the XML it documents");
    }
}
