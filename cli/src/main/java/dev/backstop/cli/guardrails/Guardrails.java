package dev.backstop.cli.guardrails;

import dev.backstop.cli.guardrails.GuardrailPolicy.Kind;
import java.util.List;
import java.util.stream.Stream;

/**
 * The policies that keep Backstop's own resources and the {@code backstop:*} tags out of an
 * intruder's reach, written for one deployment's names. The service control policies deny, in
 * every account they are attached to, any change to Backstop's rules, functions, roles, table,
 * topics, keys, queues, alarms and buckets, and the deletion of its schedule group, by anyone but
 * the deployment principals, and any write of a {@code backstop:*} tag by anyone but the security
 * roles. The resource policies carry the same denies on the resources themselves (template.yaml
 * sets those of the topics, the queue and the key; the table's and the buckets' are for operators
 * who add them).
 *
 * <p>Names follow template.yaml and member-account.yaml: functions, alarms and EventBridge rules
 * {@code STACK-*}; the table, topics and queue named by CloudFormation {@code STACK-LogicalId-*};
 * the deferred decisions' schedule group {@code STACK-deferred}; roles under the path
 * {@code /backstop/STACK/}; keys tagged {@code backstop:stack=STACK}; member rules {@code PREFIX*},
 * the member role by name, the member's other roles under {@code /backstop/}.
 */
final class Guardrails {

    private final GuardrailInputs in;

    Guardrails(GuardrailInputs in) {
        this.in = in;
    }

    List<GuardrailPolicy> policies() {
        return List.of(centralScp(), dataScp(), tagsScp(), memberScp(), topicPolicy(), queuePolicy(), keyPolicy(),
                tablePolicy(), anchorBucketPolicy());
    }

    private GuardrailPolicy centralScp() {
        List<String> deployers = in.deployers();
        return new GuardrailPolicy("backstop-central-scp.json", Kind.SERVICE_CONTROL_POLICY,
                "SCP for the accounts Backstop's central stacks run in: no change to its rules, functions,"
                        + " roles, alarms and key, and no deletion of its schedule group, except by the deployment"
                        + " principals",
                List.of(
                        Statement.deny("BackstopRules", List.of("events:DisableRule", "events:DeleteRule",
                                "events:PutRule", "events:PutTargets", "events:RemoveTargets"),
                                in.regional("events", "rule/STACK-*"), deployers),
                        Statement.deny("BackstopFunctions", List.of("lambda:UpdateFunctionConfiguration",
                                "lambda:UpdateFunctionCode", "lambda:DeleteFunction", "lambda:PutFunctionConcurrency",
                                "lambda:DeleteFunctionConcurrency", "lambda:AddPermission", "lambda:RemovePermission",
                                "lambda:PublishVersion", "lambda:CreateAlias", "lambda:UpdateAlias", "lambda:DeleteAlias",
                                "lambda:PutFunctionEventInvokeConfig", "lambda:UpdateFunctionEventInvokeConfig",
                                "lambda:DeleteFunctionEventInvokeConfig"),
                                in.regional("lambda", "function:STACK-*"), deployers),
                        Statement.deny("BackstopRoles", List.of("iam:CreateRole", "iam:DeleteRole",
                                "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy",
                                "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:PutRolePermissionsBoundary",
                                "iam:DeleteRolePermissionsBoundary", "iam:UpdateRole", "iam:UpdateRoleDescription"),
                                in.backstopRoles(), deployers),
                        Statement.deny("BackstopAlarms", List.of("cloudwatch:DeleteAlarms",
                                "cloudwatch:DisableAlarmActions", "cloudwatch:PutMetricAlarm", "cloudwatch:SetAlarmState"),
                                in.regional("cloudwatch", "alarm:STACK-*"), deployers),
                        // Deleting the group cancels every pending deferred decision (veto windows, settle
                        // times) at once; Scheduler has no action that changes a group in place.
                        Statement.deny("BackstopScheduleGroup", List.of("scheduler:DeleteScheduleGroup"),
                                in.regional("scheduler", "schedule-group/STACK-deferred"), deployers),
                        Statement.deny("BackstopKeys", List.of("kms:DisableKey", "kms:ScheduleKeyDeletion",
                                "kms:PutKeyPolicy", "kms:CreateGrant", "kms:DisableKeyRotation"),
                                List.of(in.anywhere("kms", "key/*")), deployers)
                                .when("StringEquals", "aws:ResourceTag/backstop:stack", in.stacks()),
                        Statement.deny("BackstopKeyAliases", List.of("kms:DeleteAlias", "kms:UpdateAlias"),
                                in.regional("kms", "alias/STACK-*"), deployers)));
    }

    private GuardrailPolicy dataScp() {
        List<String> writers = Stream.of(in.deployers(), in.securityRoles(), in.backstopRoles())
                .flatMap(List::stream).distinct().toList();
        return new GuardrailPolicy("backstop-central-data-scp.json", Kind.SERVICE_CONTROL_POLICY,
                "SCP for the accounts Backstop's central stacks run in: the audit table, topics, dead-letter"
                        + " queue and buckets stay as deployed; only Backstop's roles and the security roles write audit items"
                        + " and the deferred decisions' schedules",
                List.of(
                        Statement.deny("BackstopAuditTable", List.of("dynamodb:DeleteTable", "dynamodb:UpdateTable",
                                "dynamodb:UpdateContinuousBackups", "dynamodb:UpdateTimeToLive", "dynamodb:DeleteItem",
                                "dynamodb:PutResourcePolicy", "dynamodb:DeleteResourcePolicy"),
                                in.regional("dynamodb", "table/STACK-AuditTable-*"), in.deployers()),
                        Statement.deny("BackstopAuditItems", List.of("dynamodb:PutItem", "dynamodb:UpdateItem",
                                "dynamodb:BatchWriteItem", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate",
                                "dynamodb:PartiQLDelete"),
                                in.regional("dynamodb", "table/STACK-AuditTable-*"), writers),
                        // One pending decision's schedule: its veto window or settle time ends when it fires.
                        Statement.deny("BackstopSchedules", List.of("scheduler:CreateSchedule",
                                "scheduler:UpdateSchedule", "scheduler:DeleteSchedule"),
                                in.regional("scheduler", "schedule/STACK-deferred/*"), writers),
                        Statement.deny("BackstopTopics", List.of("sns:DeleteTopic", "sns:SetTopicAttributes",
                                "sns:AddPermission", "sns:RemovePermission", "sns:Unsubscribe"),
                                in.regional("sns", "STACK-*"), in.deployers()),
                        Statement.deny("BackstopQueues", List.of("sqs:PurgeQueue", "sqs:SetQueueAttributes",
                                "sqs:DeleteQueue", "sqs:AddPermission", "sqs:RemovePermission"),
                                in.regional("sqs", "STACK-*"), in.deployers()),
                        Statement.deny("BackstopBuckets", List.of("s3:DeleteBucket", "s3:PutBucketPolicy",
                                "s3:DeleteBucketPolicy", "s3:PutBucketObjectLockConfiguration",
                                "s3:PutBucketVersioning", "s3:PutBucketPublicAccessBlock", "s3:PutLifecycleConfiguration"),
                                Stream.concat(in.buckets("AnchorBucket").stream(), in.buckets("CanaryBucket").stream())
                                        .toList(), in.deployers())));
    }

    private GuardrailPolicy tagsScp() {
        return new GuardrailPolicy("backstop-tags-scp.json", Kind.SERVICE_CONTROL_POLICY,
                "SCP for every account Backstop watches: only the security roles write backstop:* tags"
                        + " (backstop:exempt, backstop:public-lb and the others steer what Backstop does)",
                List.of(Statement.deny("BackstopTagKeys", List.of("ec2:CreateTags", "ec2:DeleteTags", "iam:TagRole",
                        "iam:UntagRole", "iam:TagUser", "iam:UntagUser", "lambda:TagResource", "lambda:UntagResource",
                        "cloudtrail:AddTags", "cloudtrail:RemoveTags", "sns:TagResource", "sns:UntagResource",
                        "sqs:TagQueue", "sqs:UntagQueue", "dynamodb:TagResource", "dynamodb:UntagResource",
                        "kms:TagResource", "kms:UntagResource", "events:TagResource", "events:UntagResource",
                        "cloudwatch:TagResource", "cloudwatch:UntagResource", "guardduty:TagResource",
                        "guardduty:UntagResource", "logs:TagResource", "logs:UntagResource", "logs:TagLogGroup",
                        "logs:UntagLogGroup", "rds:AddTagsToResource", "rds:RemoveTagsFromResource",
                        "rolesanywhere:TagResource", "rolesanywhere:UntagResource", "route53resolver:TagResource",
                        "route53resolver:UntagResource", "s3:TagResource", "s3:UntagResource", "scheduler:TagResource",
                        "scheduler:UntagResource"),
                        List.of("*"), in.taggers())
                        .when("ForAnyValue:StringLike", "aws:TagKeys", List.of("backstop:*"))));
    }

    private GuardrailPolicy memberScp() {
        return new GuardrailPolicy("backstop-member-scp.json", Kind.SERVICE_CONTROL_POLICY,
                "SCP for the member accounts: the member role, the forwarding rules and the member stack's roles"
                        + " stay as deployed",
                List.of(
                        Statement.deny("BackstopForwarding", List.of("events:DisableRule", "events:DeleteRule",
                                "events:PutRule", "events:PutTargets", "events:RemoveTargets"),
                                List.of(in.anywhere("events", "rule/" + in.forwardRulePrefix() + "*")), in.deployers()),
                        Statement.deny("BackstopMemberRoles", List.of("iam:CreateRole", "iam:DeleteRole",
                                "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy",
                                "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:PutRolePermissionsBoundary",
                                "iam:DeleteRolePermissionsBoundary", "iam:UpdateRole"),
                                List.of(in.iam("role/" + in.memberRoleName()), in.iam("role/backstop/*")),
                                in.deployers()),
                        Statement.deny("BackstopCanaryBuckets", List.of("s3:DeleteBucket", "s3:PutBucketPolicy",
                                "s3:DeleteBucketPolicy"),
                                List.of("arn:" + in.partition() + ":s3:::backstop-canary-*"), in.deployers())));
    }

    private GuardrailPolicy topicPolicy() {
        return new GuardrailPolicy("backstop-topic-policy.json", Kind.RESOURCE_POLICY,
                "Deny statements of the notification and alarm topics' policies (template.yaml sets them)",
                List.of(Statement.deny("BackstopTopicStaysAsDeployed", List.of("sns:DeleteTopic",
                        "sns:SetTopicAttributes", "sns:AddPermission", "sns:RemovePermission"),
                        in.regional("sns", "STACK-*"), in.deployers())));
    }

    private GuardrailPolicy queuePolicy() {
        return new GuardrailPolicy("backstop-queue-policy.json", Kind.RESOURCE_POLICY,
                "Deny statements of the dead-letter queue's policy (template.yaml sets them)",
                List.of(Statement.deny("BackstopQueueStaysAsDeployed", List.of("sqs:PurgeQueue",
                        "sqs:SetQueueAttributes", "sqs:DeleteQueue", "sqs:AddPermission", "sqs:RemovePermission"),
                        in.regional("sqs", "STACK-*"), in.deployers())));
    }

    private GuardrailPolicy keyPolicy() {
        return new GuardrailPolicy("backstop-key-policy.json", Kind.RESOURCE_POLICY,
                "Deny statements of the notification key's policy (template.yaml sets them; in a key policy"
                        + " the resource is the key itself)",
                List.of(Statement.deny("BackstopKeyStaysAsDeployed", List.of("kms:DisableKey",
                        "kms:ScheduleKeyDeletion", "kms:PutKeyPolicy", "kms:CreateGrant"), List.of("*"),
                        in.deployers())));
    }

    private GuardrailPolicy tablePolicy() {
        List<String> writers = Stream.of(in.deployers(), in.securityRoles(), in.backstopRoles())
                .flatMap(List::stream).distinct().toList();
        return new GuardrailPolicy("backstop-table-policy.json", Kind.RESOURCE_POLICY,
                "A resource policy for the audit table (DynamoDB resource-based policy): no deletes, no"
                        + " protections turned off, audit items written by Backstop's roles and the security roles only",
                List.of(
                        Statement.deny("BackstopTableStaysAsDeployed", List.of("dynamodb:DeleteTable",
                                "dynamodb:UpdateTable", "dynamodb:UpdateContinuousBackups", "dynamodb:DeleteItem",
                                "dynamodb:PutResourcePolicy", "dynamodb:DeleteResourcePolicy"),
                                in.regional("dynamodb", "table/STACK-AuditTable-*"), in.deployers()),
                        Statement.deny("BackstopItemsWrittenByBackstop", List.of("dynamodb:PutItem",
                                "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"),
                                in.regional("dynamodb", "table/STACK-AuditTable-*"), writers)));
    }

    private GuardrailPolicy anchorBucketPolicy() {
        return new GuardrailPolicy("backstop-anchor-bucket-policy.json", Kind.RESOURCE_POLICY,
                "Deny statements of the chain-head anchor bucket's policy (template.yaml sets them, with the"
                        + " trail watchdog's role as the only writer)",
                List.of(Statement.deny("BackstopAnchorBucketStaysAsDeployed", List.of("s3:DeleteBucketPolicy",
                        "s3:PutBucketPolicy", "s3:PutBucketObjectLockConfiguration", "s3:PutBucketVersioning"),
                        in.buckets("AnchorBucket"), in.deployers())));
    }
}
