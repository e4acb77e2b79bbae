package dev.backstop.rules;

import dev.backstop.event.Trigger;
import dev.backstop.event.UserIdentity;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A rule's {@code unless}: who and what it leaves alone. Callers and accounts are known from the
 * event; resources and their tags only once an action has found its target, so the check comes
 * in two steps.
 */
public record Exemptions(List<ArnGlob> principals, List<String> accounts, Map<String, String> tags,
        List<TimeBoxedExemption> timeBoxed) {

    public Exemptions {
        principals = List.copyOf(principals);
        accounts = List.copyOf(accounts);
        // In the rule file's order: Map.copyOf's order changes from one JVM to the next, and with it
        // which of several matching tags the audit record would name.
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        timeBoxed = List.copyOf(timeBoxed);
    }

    public static Exemptions none() {
        return new Exemptions(List.of(), List.of(), Map.of(), List.of());
    }

    /**
     * The exemption that covers the trigger's caller or account, if one does. A trigger without a
     * caller (an alarm) is never exempted by a principal, only by its account.
     */
    public Optional<String> forTrigger(Trigger trigger, Instant now) {
        Optional<UserIdentity> caller = trigger.caller();
        if (caller.isPresent()) {
            for (ArnGlob glob : principals) {
                if (glob.matches(caller.get())) {
                    return Optional.of("principal " + caller.get().displayName() + " matches unless.principals " + glob);
                }
            }
        }
        String account = trigger.account();
        if (account != null && accounts.contains(account)) {
            return Optional.of("account " + account + " is in unless.accounts");
        }
        return timeBoxed.stream()
                .filter(exemption -> exemption.activeAt(now))
                .filter(exemption -> (exemption.principal() != null && caller.isPresent()
                                && new ArnGlob(exemption.principal()).matches(caller.get()))
                        || (account != null && account.equals(exemption.account())))
                .findFirst()
                .map(TimeBoxedExemption::describe);
    }

    /** The exemption that covers the resource an action targets; its tags are read only if a rule asks. */
    public Optional<String> forResource(String resource, Supplier<Map<String, String>> resourceTags, Instant now) {
        Optional<String> timeBoxedResource = timeBoxed.stream()
                .filter(exemption -> exemption.activeAt(now))
                .filter(exemption -> exemption.resource() != null && new ArnGlob(exemption.resource()).matches(resource))
                .findFirst()
                .map(TimeBoxedExemption::describe);
        if (timeBoxedResource.isPresent() || tags.isEmpty()) {
            return timeBoxedResource;
        }
        Map<String, String> actual = resourceTags.get();
        return tags.entrySet().stream()
                .filter(tag -> tag.getValue().equals(actual.get(tag.getKey())))
                .findFirst()
                .map(tag -> "resource tag " + tag.getKey() + "=" + tag.getValue());
    }

    /** True when only a look at the resource can tell whether the rule applies. */
    public boolean dependOnResource() {
        return !tags.isEmpty() || timeBoxed.stream().anyMatch(exemption -> exemption.resource() != null);
    }
}
