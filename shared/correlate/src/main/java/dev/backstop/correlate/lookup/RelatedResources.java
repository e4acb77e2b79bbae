package dev.backstop.correlate.lookup;

import dev.backstop.action.AwsErrors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.inject.Inject;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationRequest;

/**
 * What an alarm's own resources lean on, so a change to it is named too: an instance's security
 * groups and its instance profile's role (EC2 {@code DescribeInstances}, IAM
 * {@code GetInstanceProfile}), a function's execution role (Lambda
 * {@code GetFunctionConfiguration}). Roles come before groups: an instance has one role and may
 * have many groups, and the cap on lookups should not crowd the role out. IAM is global:
 * CloudTrail keeps the history of role changes in {@value #GLOBAL_EVENTS} only, so roles are read
 * only for alarms there; elsewhere a role's lookup could find nothing and would cost a call.
 *
 * <p>A resource that no longer exists leans on nothing (the alarm's own names are still looked
 * up); a denied read becomes a note; a transient failure propagates so the alarm is retried.
 */
final class RelatedResources {

    private static final Set<String> NOT_FOUND = Set.of("InvalidInstanceID.NotFound", "InvalidInstanceID.Malformed",
            "ResourceNotFoundException", "NoSuchEntity");

    /** The one region whose CloudTrail event history holds IAM's events. */
    static final String GLOBAL_EVENTS = "us-east-1";

    private final Ec2Client ec2;
    private final IamClient iam;
    private final LambdaClient lambda;

    @Inject
    RelatedResources(Ec2Client ec2, IamClient iam, LambdaClient lambda) {
        this.ec2 = ec2;
        this.iam = iam;
        this.lambda = lambda;
    }

    /**
     * The roles (in {@value #GLOBAL_EVENTS} only), then the security groups, of the instances and
     * functions of an alarm in {@code region}; a note per failed read.
     */
    List<String> of(AlarmResources resources, String region, List<String> notes) {
        boolean withRoles = GLOBAL_EVENTS.equals(region);
        Set<String> roles = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        for (String function : withRoles ? resources.functions() : List.<String>of()) {
            read("Lambda GetFunctionConfiguration of " + function, notes, () -> lambda.getFunctionConfiguration(
                    GetFunctionConfigurationRequest.builder().functionName(function).build()).role())
                    .map(RelatedResources::lastSegment).ifPresent(roles::add);
        }
        for (String instanceId : resources.instances()) {
            List<Instance> found = read("EC2 DescribeInstances of " + instanceId, notes, () -> ec2.describeInstances(
                    DescribeInstancesRequest.builder().instanceIds(instanceId).build()).reservations().stream()
                    .map(Reservation::instances).flatMap(List::stream)
                    .filter(instance -> instanceId.equals(instance.instanceId())).toList()).orElse(List.of());
            for (Instance instance : found) {
                instance.securityGroups().stream().map(GroupIdentifier::groupId).forEach(groups::add);
                instance.networkInterfaces().stream().map(InstanceNetworkInterface::groups).flatMap(List::stream)
                        .map(GroupIdentifier::groupId).forEach(groups::add);
                if (withRoles && instance.iamInstanceProfile() != null && instance.iamInstanceProfile().arn() != null) {
                    String profile = lastSegment(instance.iamInstanceProfile().arn());
                    read("IAM GetInstanceProfile of " + profile, notes, () -> iam.getInstanceProfile(
                            GetInstanceProfileRequest.builder().instanceProfileName(profile).build())
                            .instanceProfile().roles().stream().map(Role::roleName).toList())
                            .ifPresent(roles::addAll);
                }
            }
        }
        List<String> related = new ArrayList<>(roles);
        related.addAll(groups);
        return related;
    }

    /** The read's value; empty when what it reads is gone or the read is denied (then a note says so). */
    private static <T> Optional<T> read(String what, List<String> notes, Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (RuntimeException e) {
            if (AwsErrors.isTransient(e)) {
                throw e;
            }
            if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                    && NOT_FOUND.contains(service.awsErrorDetails().errorCode())) {
                return Optional.empty();
            }
            notes.add(what + " failed: " + AwsErrors.describe(e));
            return Optional.empty();
        }
    }

    /** The name at the end of an IAM ARN ({@code arn:aws:iam::123456789012:role/path/name}), path left out. */
    private static String lastSegment(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
