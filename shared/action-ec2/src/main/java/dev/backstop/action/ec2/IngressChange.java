package dev.backstop.action.ec2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.action.ResourceState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The planned change to one group, kept whole in the plan's undo data (so apply, read-back and
 * undo all work from the record the audit keeps): the world-open rules to revoke, the rules that
 * keep their allowed ports open after a split, and the world-open rules the policy allows.
 *
 * <p>Its state facts name rules by shape, not id: an undo re-creates a revoked rule with a new
 * id, and the state after an undo must read the same as the state before the remediation.
 */
record IngressChange(String groupId, List<IngressRule> revoke, List<IngressRule> add, List<IngressRule> kept) {

    static final String GROUP_ID = "groupId";
    static final String REVOKED = "revoked";
    static final String ADDED = "added";
    static final String KEPT = "kept";
    static final String OFFENDING = "offendingRules";
    static final String ALLOWED = "allowedWorldRules";

    private static final ObjectMapper JSON = new ObjectMapper();

    IngressChange {
        revoke = List.copyOf(revoke);
        add = List.copyOf(add);
        kept = List.copyOf(kept);
    }

    /** The undo data: what reverses this change, and all that apply needs. */
    RevokeWorldIngressUndo undoData() {
        return new RevokeWorldIngressUndo(groupId, revoke, add, kept);
    }

    static IngressChange fromUndoData(RevokeWorldIngressUndo undo) {
        return new IngressChange(undo.groupId(), undo.revoked(), undo.added(), undo.kept());
    }

    /** Version 1 held each list of rules as JSON text. */
    static RevokeWorldIngressUndo fromVersion1(Map<String, String> undo) {
        return new RevokeWorldIngressUndo(undo.get(GROUP_ID), rules(undo, REVOKED), rules(undo, ADDED), rules(undo, KEPT));
    }

    /**
     * The group's state as far as this change goes, from its current ingress rules: the revoked
     * shapes still present are offending; the kept and added ones present are the allowed world
     * openings. Compliant when nothing offends and every split-out range is open.
     */
    ResourceState stateIn(List<IngressRule> current) {
        List<IngressRule> offending = present(revoke, current);
        List<IngressRule> addedPresent = present(add, current);
        List<IngressRule> allowed = new ArrayList<>(present(kept, current));
        allowed.addAll(addedPresent);
        boolean compliant = offending.isEmpty() && addedPresent.size() == add.size();
        return new ResourceState(true, compliant, Map.of(GROUP_ID, groupId, OFFENDING, describe(offending),
                ALLOWED, describe(allowed)));
    }

    static List<IngressRule> present(List<IngressRule> wanted, List<IngressRule> current) {
        return wanted.stream().filter(rule -> current.stream().anyMatch(rule::sameShapeAs)).toList();
    }

    /** The rules in a stable order (protocol, ports, source), so equal states read the same. */
    static String describe(List<IngressRule> rules) {
        return rules.isEmpty() ? "none" : rules.stream()
                .sorted(Comparator.comparing(IngressRule::protocol).thenComparingInt(IngressRule::fromPort)
                        .thenComparingInt(IngressRule::toPort).thenComparing(IngressRule::cidr))
                .map(IngressRule::describe).distinct().collect(Collectors.joining("; "));
    }

    private static List<IngressRule> rules(Map<String, String> undo, String key) {
        String text = undo.getOrDefault(key, "[]");
        try {
            List<IngressRule> rules = new ArrayList<>();
            for (JsonNode item : JSON.readTree(text)) {
                rules.add(new IngressRule(item.path("ruleId").asText(null), item.path("protocol").asText(),
                        item.path("fromPort").asInt(-1), item.path("toPort").asInt(-1), item.path("cidr").asText(),
                        item.path("description").asText(null)));
            }
            return rules;
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("the undo data's " + key + " is not a list of rules: " + text, e);
        }
    }
}
