package dev.backstop.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * EC2, IAM and Lambda faked at the SDK edge (Mockito) for tests about something other than
 * correlation: every instance and function an alarm names is gone, so it leans on nothing; and
 * CloudTrail's event history, in which nothing changed before an alarm.
 */
public final class NothingRelated {

    private NothingRelated() {
    }

    public static CloudTrailClient cloudTrail() {
        CloudTrailClient cloudTrail = mock(CloudTrailClient.class);
        when(cloudTrail.lookupEvents(any(LookupEventsRequest.class))).thenReturn(LookupEventsResponse.builder().build());
        return cloudTrail;
    }

    public static Ec2Client ec2() {
        Ec2Client ec2 = mock(Ec2Client.class);
        when(ec2.describeInstances(any(DescribeInstancesRequest.class))).thenReturn(DescribeInstancesResponse.builder().build());
        return ec2;
    }

    public static IamClient iam() {
        return mock(IamClient.class);
    }

    public static LambdaClient lambda() {
        LambdaClient lambda = mock(LambdaClient.class);
        when(lambda.getFunctionConfiguration(any(GetFunctionConfigurationRequest.class))).thenThrow(
                ResourceNotFoundException.builder().statusCode(404).awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("ResourceNotFoundException").errorMessage("Function not found").build()).build());
        return lambda;
    }
}
