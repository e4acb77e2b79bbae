package dev.backstop.engine;

import dev.backstop.aws.StackLookup;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Which stack manages which resource, at the interface: the signed lookup itself is tested against a local server. */
final class FakeStacks implements StackLookup {

    private final Map<String, StackResource> stacks = new HashMap<>();
    private int lookups;

    FakeStacks manage(String physicalId, String stack, String logicalId) {
        stacks.put(physicalId, new StackResource(stack, logicalId, "AWS::EC2::SecurityGroup"));
        return this;
    }

    int lookups() {
        return lookups;
    }

    @Override
    public Optional<StackResource> stackOf(String physicalId) {
        lookups++;
        return Optional.ofNullable(stacks.get(physicalId));
    }
}
