package dev.backstop.rules;

import dev.backstop.event.AlarmEvent;
import dev.backstop.event.CloudTrailEvent;
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

    /** The exemption that covers the event's caller or account, if one does. */
    public Optional<String> forCaller(CloudTrailEvent event, Instant now) {
        UserIdentity caller = event.detail().userIdentity();
        for (ArnGlob glob : principals) {
            if (glob.matches(caller)) {
                return Optional.of("principal " + caller.displayName() + " matches unless.principals " + glob);
            }
        }
        if (accounts.contains(event.account())) {
            return Optional.of("account " + event.account() + " is in unless.accounts");
        }
        return timeBoxed.stream()
                .filter(exemption -> exemption.activeAt(now))
                .filter(exemption -> (exemption.principal() != null && new ArnGlob(exemption.principal()).matches(caller))
                        || event.account().equals(exemption.account()))
                .findFirst()
                .map(TimeBoxedExemption::describe);
    }

    /**
     * The exemption that covers an alarm's account, if one does. An alarm has no caller, so
     * principal exemptions never apply to it.
     */
    public Optional<String> forAlarm(AlarmEvent alarm, Instant now) {
        if (accounts.contains(alarm.account())) {
            return Optional.of("account " + alarm.account() + " is in unless.accounts");
        }
        return timeBoxed.stream()
                .filter(exemption -> exemption.activeAt(now))
                .filter(exemption -> alarm.account() != null && alarm.account().equals(exemption.account()))
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
