package dev.backstop.action.s3;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;

/**
 * A bucket's lifecycle rules as Backstop keeps them (JSON, written and read through the SDK
 * model's own serializable builders, so every field S3 has survives the round trip), and which of
 * them expire a trail's logs sooner than a minimum.
 */
record LifecycleRules(List<LifecycleRule> rules) {

    static final String NONE = "[]";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    LifecycleRules {
        rules = List.copyOf(rules);
    }

    static LifecycleRules none() {
        return new LifecycleRules(List.of());
    }

    String json() {
        try {
            return JSON.writeValueAsString(rules.stream().map(LifecycleRule::toBuilder).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lifecycle rules are plain data and always serialise", e);
        }
    }

    /** The rules as JSON, as {@link #json} writes them. */
    JsonNode tree() {
        return JSON.valueToTree(rules.stream().map(LifecycleRule::toBuilder).toList());
    }

    /** Reads what {@link #tree} wrote; {@code what} names where it came from if it cannot. */
    static LifecycleRules parse(JsonNode tree, String what) {
        return parse(tree.toString(), what);
    }

    /** Reads what {@link #json} wrote; {@code what} names where it came from if it cannot. */
    static LifecycleRules parse(String json, String what) {
        try {
            List<JsonNode> nodes = JSON.readValue(json, new TypeReference<List<JsonNode>>() { });
            List<LifecycleRule> rules = new ArrayList<>();
            for (JsonNode node : nodes) {
                rules.add(JSON.treeToValue(node, LifecycleRule.serializableBuilderClass()).build());
            }
            return new LifecycleRules(rules);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " is not a list of lifecycle rules: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The enabled rules that delete a trail's log files, current or noncurrent, within
     * {@code minimum} of {@code now}. A rule whose filter needs object tags never reaches them:
     * CloudTrail writes its files untagged. Any prefix may hold them (a trail's key prefix is its
     * own), so a prefix does not spare a rule.
     */
    List<LifecycleRule> expiringWithin(Duration minimum, Instant now) {
        long days = minimum.toDays();
        return rules.stream()
                .filter(rule -> "Enabled".equals(rule.statusAsString()) && !tagged(rule.filter()))
                .filter(rule -> (rule.expiration() != null && rule.expiration().days() != null
                                && rule.expiration().days() < days)
                        || (rule.expiration() != null && rule.expiration().date() != null
                                && rule.expiration().date().isBefore(now.plus(minimum)))
                        || (rule.noncurrentVersionExpiration() != null
                                && rule.noncurrentVersionExpiration().noncurrentDays() != null
                                && rule.noncurrentVersionExpiration().noncurrentDays() < days))
                .toList();
    }

    LifecycleRules without(List<LifecycleRule> dropped) {
        return new LifecycleRules(rules.stream().filter(rule -> !dropped.contains(rule)).toList());
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    private static boolean tagged(LifecycleRuleFilter filter) {
        return filter != null && (filter.tag() != null || (filter.and() != null && filter.and().hasTags()
                && !filter.and().tags().isEmpty()));
    }
}
