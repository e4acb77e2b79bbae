package dev.backstop.cli.guardrails;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the guardrails are written for: the stacks' names (one per region, usually the same), the
 * principals that deploy them, the roles that may write {@code backstop:*} tags, and the member
 * stack's names. Checked here, so a policy never carries a pattern that names nothing or everything.
 *
 * @param stacks the central stacks' names (template.yaml)
 * @param deploymentPrincipals IAM role or user ARNs that deploy Backstop: the only ones the denies spare
 * @param securityRoles IAM role ARNs that may write {@code backstop:*} tags and the audit table's breaker items
 * @param memberRoleName the member role's name (member-account.yaml's RoleName)
 * @param forwardRulePrefix the member forwarding rules' name prefix (member-account.yaml's ForwardRuleNamePrefix)
 * @param partition aws, aws-cn or aws-us-gov
 */
record GuardrailInputs(List<String> stacks, List<String> deploymentPrincipals, List<String> securityRoles,
        String memberRoleName, String forwardRulePrefix, String partition) {

    // CloudFormation's stack names; the template asks for 50 characters at most (its function names).
    private static final Pattern STACK = Pattern.compile("[A-Za-z][-A-Za-z0-9]{0,49}");
    private static final Pattern PRINCIPAL = Pattern.compile("arn:(aws|aws-cn|aws-us-gov):iam::\\d{12}:(role|user)/[\\w+=,.@/-]{1,512}");
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern RULE_PREFIX = Pattern.compile("[.\\-_A-Za-z0-9]{1,48}");
    private static final Pattern PARTITION = Pattern.compile("aws|aws-cn|aws-us-gov");

    GuardrailInputs {
        stacks = List.copyOf(stacks);
        deploymentPrincipals = List.copyOf(deploymentPrincipals);
        securityRoles = List.copyOf(securityRoles);
        if (stacks.isEmpty()) {
            throw new IllegalArgumentException("--stack: name at least one Backstop stack");
        }
        stacks.forEach(stack -> require(STACK, stack, "--stack", "a CloudFormation stack name of at most 50 letters,"
                + " digits and hyphens, starting with a letter"));
        if (deploymentPrincipals.isEmpty()) {
            throw new IllegalArgumentException("--deployment-principal: name the role or user that deploys Backstop;"
                    + " every deny spares it alone");
        }
        deploymentPrincipals.forEach(arn -> require(PRINCIPAL, arn, "--deployment-principal",
                "an IAM role or user ARN (arn:aws:iam::ACCOUNT:role/NAME), no wildcards"));
        securityRoles.forEach(arn -> require(PRINCIPAL, arn, "--security-role",
                "an IAM role or user ARN (arn:aws:iam::ACCOUNT:role/NAME), no wildcards"));
        require(ROLE_NAME, memberRoleName, "--member-role-name", "an IAM role name");
        require(RULE_PREFIX, forwardRulePrefix, "--forward-rule-prefix", "at most 48 letters, digits, '.', '-' or '_'");
        require(PARTITION, partition, "--partition", "aws, aws-cn or aws-us-gov");
    }

    private static void require(Pattern pattern, String value, String option, String expected) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(option + ": \"" + value + "\" is not " + expected);
        }
    }

    /** The principals spared by the denies on Backstop's resources. */
    List<String> deployers() {
        return deploymentPrincipals;
    }

    /** Who may write {@code backstop:*} tags: the security roles and the deployers (the stacks tag their resources). */
    List<String> taggers() {
        return distinct(securityRoles, deploymentPrincipals);
    }

    /** Each stack's roles: the template puts them under the path /backstop/STACK/. */
    List<String> backstopRoles() {
        return stacks.stream().map(stack -> iam("role/backstop/" + stack + "/*")).toList();
    }

    /**
     * A regional resource of every stack, in any account and region: {@code resource} with STACK in
     * it, as CloudFormation or the template names it after the stack.
     */
    List<String> regional(String service, String resource) {
        return stacks.stream().map(stack -> "arn:" + partition + ":" + service + ":*:*:"
                + resource.replace("STACK", stack)).toList();
    }

    /** The buckets CloudFormation names after each stack (in lower case, as bucket names are) and a logical id. */
    List<String> buckets(String logicalId) {
        return stacks.stream().map(stack -> "arn:" + partition + ":s3:::" + (stack + "-" + logicalId)
                .toLowerCase(Locale.ROOT) + "-*").toList();
    }

    String iam(String resource) {
        return "arn:" + partition + ":iam::*:" + resource;
    }

    /** A regional resource in any account and region, named without the stack. */
    String anywhere(String service, String resource) {
        return "arn:" + partition + ":" + service + ":*:*:" + resource;
    }

    @SafeVarargs
    private static List<String> distinct(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).distinct().toList();
    }
}
