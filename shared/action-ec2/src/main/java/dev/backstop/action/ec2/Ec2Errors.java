package dev.backstop.action.ec2;

import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** EC2's error codes (EC2 models few as exception types). */
final class Ec2Errors {

    private Ec2Errors() {
    }

    static String code(Ec2Exception e) {
        return e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
    }
}
