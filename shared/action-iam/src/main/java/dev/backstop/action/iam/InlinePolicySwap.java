package dev.backstop.action.iam;

import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Puts one of Backstop's inline policies on a user or role and takes it off again, restoring the
 * policy of that name it replaced, if there was one. The undo data says it all: which principal,
 * which policy, and the previous document ({@link InlinePolicyUndo}).
 */
final class InlinePolicySwap {

    private final Principals principals;

    @Inject
    InlinePolicySwap(Principals principals) {
        this.principals = principals;
    }

    /** The kind of principal version 1 undo data names ({@code USER} or {@code ROLE}). */
    static Principal.Kind kind(Map<String, String> version1) {
        String kind = version1.get("kind");
        try {
            return kind == null ? null : Principal.Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the undo data names no kind of principal: " + kind, e);
        }
    }

    Optional<String> current(InlinePolicyUndo undo) {
        return principals.inlinePolicy(undo.principal(), undo.policyName());
    }

    void put(InlinePolicyUndo undo, String document) {
        principals.putInlinePolicy(undo.principal(), undo.policyName(), document);
    }

    /** Puts the previous document back, or deletes Backstop's policy where there was none. */
    void restore(InlinePolicyUndo undo) {
        if (undo.previousDocument() != null) {
            principals.putInlinePolicy(undo.principal(), undo.policyName(), undo.previousDocument());
        } else {
            principals.deleteInlinePolicy(undo.principal(), undo.policyName());
        }
    }
}
