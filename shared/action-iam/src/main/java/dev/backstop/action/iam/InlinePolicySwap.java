package dev.backstop.action.iam;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Puts one of Backstop's inline policies on a user or role and takes it off again, restoring the
 * policy of that name it replaced, if there was one. The undo data says it all: which principal,
 * which policy, and the previous document.
 */
final class InlinePolicySwap {

    static final String KIND = "kind";
    static final String NAME = "name";
    static final String ARN = "arn";
    static final String POLICY_NAME = "policyName";
    static final String PREVIOUS_DOCUMENT = "previousDocument";

    private final Principals principals;

    @Inject
    InlinePolicySwap(Principals principals) {
        this.principals = principals;
    }

    /** What reverses putting {@code policyName} on the principal, whose current document is {@code current}. */
    static Map<String, String> undo(Principal principal, String policyName, Optional<String> current) {
        Map<String, String> undo = new HashMap<>();
        String kind = principal.kind() == Principal.Kind.USER ? "User" : "Role";
        undo.put("call", (current.isPresent() ? "Put" : "Delete") + kind + "Policy");
        undo.put(KIND, principal.kind().name());
        undo.put(NAME, principal.name());
        undo.put(ARN, principal.arn());
        undo.put(POLICY_NAME, policyName);
        current.ifPresent(document -> undo.put(PREVIOUS_DOCUMENT, document));
        return undo;
    }

    /** The IAM call {@link #restore} makes, with its parameters. */
    static List<String> restoreCalls(Map<String, String> undo) {
        String kind = Principal.Kind.valueOf(undo.get(KIND)) == Principal.Kind.USER ? "User" : "Role";
        String named = kind + "Name=" + undo.get(NAME) + " PolicyName=" + undo.get(POLICY_NAME);
        String previous = undo.get(PREVIOUS_DOCUMENT);
        return List.of(previous != null ? "Put" + kind + "Policy " + named + " PolicyDocument=" + previous
                : "Delete" + kind + "Policy " + named);
    }

    static Principal principal(Map<String, String> undo) {
        return new Principal(Principal.Kind.valueOf(undo.get(KIND)), undo.get(NAME), undo.get(ARN));
    }

    Optional<String> current(Map<String, String> undo) {
        return principals.inlinePolicy(principal(undo), undo.get(POLICY_NAME));
    }

    void put(Map<String, String> undo, String document) {
        principals.putInlinePolicy(principal(undo), undo.get(POLICY_NAME), document);
    }

    /** Puts the previous document back, or deletes Backstop's policy where there was none. */
    void restore(Map<String, String> undo) {
        Principal principal = principal(undo);
        String previous = undo.get(PREVIOUS_DOCUMENT);
        if (previous != null) {
            principals.putInlinePolicy(principal, undo.get(POLICY_NAME), previous);
        } else {
            principals.deleteInlinePolicy(principal, undo.get(POLICY_NAME));
        }
    }
}
