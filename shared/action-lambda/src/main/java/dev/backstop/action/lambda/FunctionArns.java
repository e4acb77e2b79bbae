package dev.backstop.action.lambda;

import dev.backstop.aws.Partitions;

/**
 * Lambda calls name a function by name, by full ARN or by partial ARN ({@code 123456789012:function:name}),
 * each maybe with a qualifier; the history keys every function by its one unqualified ARN.
 */
final class FunctionArns {

    private static final String FUNCTION = ":function:";

    private FunctionArns() {
    }

    /** {@code arn:<partition>:lambda:<region>:<account>:function:<name>}; IllegalArgumentException for a blank name. */
    static String unqualified(String nameOrArn, String region, String account) {
        if (nameOrArn == null || nameOrArn.isBlank()) {
            throw new IllegalArgumentException("no function name");
        }
        if (nameOrArn.startsWith("arn:")) {
            String[] parts = nameOrArn.split(":");
            if (parts.length < 7 || !"function".equals(parts[5])) {
                throw new IllegalArgumentException("\"" + nameOrArn + "\" is not a function ARN");
            }
            return String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6]);
        }
        int partial = nameOrArn.indexOf(FUNCTION);
        String owner = partial < 0 ? account : nameOrArn.substring(0, partial);
        String name = (partial < 0 ? nameOrArn : nameOrArn.substring(partial + FUNCTION.length())).split(":")[0];
        return "arn:" + Partitions.of(region) + ":lambda:" + region + ":" + owner + FUNCTION + name;
    }
}
