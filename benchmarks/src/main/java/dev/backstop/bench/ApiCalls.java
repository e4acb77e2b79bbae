package dev.backstop.bench;

import java.util.List;

/**
 * Security-relevant CloudTrail API calls, by service: the vocabulary the generated rules and
 * the event mix draw from, so that some rules match some events, as in a real pack.
 */
final class ApiCalls {

    record Call(String service, String eventName) {

        String eventSource() {
            return service + ".amazonaws.com";
        }

        String source() {
            return "aws." + service;
        }
    }

    static final List<Call> ALL = List.of(
            call("cloudtrail", "StopLogging"), call("cloudtrail", "DeleteTrail"), call("cloudtrail", "UpdateTrail"),
            call("cloudtrail", "PutEventSelectors"), call("cloudtrail", "CreateTrail"),
            call("s3", "PutBucketPolicy"), call("s3", "DeleteBucketPolicy"), call("s3", "PutBucketAcl"),
            call("s3", "PutPublicAccessBlock"), call("s3", "DeletePublicAccessBlock"), call("s3", "PutBucketEncryption"),
            call("s3", "DeleteBucketEncryption"), call("s3", "PutBucketLogging"), call("s3", "PutBucketVersioning"),
            call("s3", "CreateBucket"), call("s3", "DeleteBucket"),
            call("ec2", "AuthorizeSecurityGroupIngress"), call("ec2", "AuthorizeSecurityGroupEgress"),
            call("ec2", "RevokeSecurityGroupIngress"), call("ec2", "CreateSecurityGroup"),
            call("ec2", "ModifyInstanceAttribute"), call("ec2", "RunInstances"), call("ec2", "DeleteFlowLogs"),
            call("ec2", "DisableEbsEncryptionByDefault"), call("ec2", "ModifySnapshotAttribute"),
            call("ec2", "ModifyImageAttribute"),
            call("iam", "CreateAccessKey"), call("iam", "CreateUser"), call("iam", "AttachUserPolicy"),
            call("iam", "AttachRolePolicy"), call("iam", "PutUserPolicy"), call("iam", "PutRolePolicy"),
            call("iam", "CreateLoginProfile"), call("iam", "UpdateAssumeRolePolicy"),
            call("iam", "DeleteRolePermissionsBoundary"), call("iam", "CreatePolicyVersion"),
            call("iam", "DeactivateMFADevice"),
            call("kms", "ScheduleKeyDeletion"), call("kms", "DisableKey"), call("kms", "PutKeyPolicy"),
            call("kms", "DisableKeyRotation"),
            call("guardduty", "DeleteDetector"), call("guardduty", "UpdateDetector"),
            call("config", "StopConfigurationRecorder"), call("config", "DeleteConfigurationRecorder"),
            call("config", "DeleteDeliveryChannel"),
            call("lambda", "AddPermission20150331v2"), call("lambda", "UpdateFunctionCode20150331v2"),
            call("lambda", "CreateFunctionUrlConfig"),
            call("rds", "ModifyDBInstance"), call("rds", "ModifyDBSnapshotAttribute"));

    /** Calls no rule looks for: reads and routine writes that reach a bus all the same. */
    static final List<Call> UNWATCHED = List.of(
            call("ec2", "DescribeInstances"), call("s3", "GetBucketLocation"), call("sts", "AssumeRole"),
            call("iam", "ListRoles"), call("kms", "Decrypt"), call("logs", "CreateLogStream"),
            call("dynamodb", "DescribeTable"), call("lambda", "GetFunction20150331v2"));

    private ApiCalls() {
    }

    private static Call call(String service, String eventName) {
        return new Call(service, eventName);
    }
}
