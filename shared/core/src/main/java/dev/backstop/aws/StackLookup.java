package dev.backstop.aws;

import java.util.Optional;

/**
 * Which CloudFormation stack, if any, manages a resource, asked of CloudFormation by the
 * resource's physical id ({@code DescribeStackResources}), in the account the engine acts in.
 */
public interface StackLookup {

    /** A stack's resource: the stack's name and the resource's logical id and type in it. */
    record StackResource(String stackName, String logicalId, String resourceType) {

        public String describe() {
            return "CloudFormation stack " + stackName + " (" + logicalId + ")";
        }
    }

    /** The stack that manages the resource with this physical id; empty when none does. */
    Optional<StackResource> stackOf(String physicalId);
}
