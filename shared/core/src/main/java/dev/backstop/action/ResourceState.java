package dev.backstop.action;

import java.util.Map;

/**
 * What an action read about its target.
 *
 * @param exists false when the target is gone, so there is nothing to fix
 * @param compliant true when the target is already in the state the action wants
 * @param facts what was read, for the audit record's before and after state
 */
public record ResourceState(boolean exists, boolean compliant, Map<String, String> facts) {

    public ResourceState {
        facts = Map.copyOf(facts);
    }

    public static ResourceState gone() {
        return new ResourceState(false, false, Map.of("exists", "false"));
    }
}
