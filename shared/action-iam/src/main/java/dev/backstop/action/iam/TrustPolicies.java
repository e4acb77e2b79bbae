package dev.backstop.action.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.PolicyGrants;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A role's trust policy judged against the trusted set ({@link PolicyGrants}): the outside
 * principals it trusts, and the policy without them. A statement that trusts everyone, or a
 * service acting for an outside account, goes whole; one that names outside accounts among others
 * keeps the others.
 */
final class TrustPolicies {

    private TrustPolicies() {
    }

    /** Every outside principal the policy trusts, in order, once each. */
    static List<String> outside(JsonNode policy, PolicyGrants grants) {
        Set<String> outside = new LinkedHashSet<>();
        PolicyGrants.statements(policy).forEach(statement -> outside.addAll(grants.outside(statement)));
        return List.copyOf(outside);
    }

    /** The policy without its outside principals; empty when no statement would be left. */
    static Optional<JsonNode> withoutOutside(JsonNode policy, PolicyGrants grants) {
        ArrayNode kept = ((ObjectNode) policy).arrayNode();
        for (JsonNode statement : PolicyGrants.statements(policy)) {
            List<String> outside = grants.outside(statement);
            if (outside.isEmpty()) {
                kept.add(statement);
            } else {
                narrowed(statement, outside).ifPresent(kept::add);
            }
        }
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode copy = ((ObjectNode) policy).deepCopy();
        copy.set("Statement", kept);
        return Optional.of(copy);
    }

    /** The statement trusting its AWS principals but the outside ones, if anything of it stays. */
    private static Optional<JsonNode> narrowed(JsonNode statement, List<String> outside) {
        JsonNode principal = statement.path("Principal");
        boolean whole = outside.contains(PolicyGrants.EVERYONE) || outside.stream().anyMatch(name -> name.contains(" from "));
        if (whole || !principal.isObject()) {
            return Optional.empty();
        }
        List<JsonNode> aws = new ArrayList<>();
        JsonNode named = principal.path("AWS");
        (named.isArray() ? named : ((ObjectNode) principal).arrayNode().add(named)).forEach(value -> {
            if (!outside.contains(value.asText())) {
                aws.add(value);
            }
        });
        ObjectNode copy = ((ObjectNode) statement).deepCopy();
        ObjectNode principals = (ObjectNode) copy.get("Principal");
        if (aws.isEmpty()) {
            principals.remove("AWS");
        } else {
            principals.set("AWS", aws.size() == 1 ? aws.get(0) : principals.arrayNode().addAll(aws));
        }
        return principals.isEmpty() ? Optional.empty() : Optional.of(copy);
    }
}
