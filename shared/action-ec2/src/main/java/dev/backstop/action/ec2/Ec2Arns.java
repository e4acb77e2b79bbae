package dev.backstop.action.ec2;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** The partition of the function's region, for ARNs, and EC2's error codes (EC2 models few as exception types). */
final class Ec2Arns {

    private Ec2Arns() {
    }

    static String partition(Region region) {
        return region.metadata() != null ? region.metadata().partition().id() : "aws";
    }

    static String code(Ec2Exception e) {
        return e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
    }
}
