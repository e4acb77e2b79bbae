package dev.backstop.action.iam;

import dev.backstop.action.UndoData;
import java.util.List;

/**
 * What reverses putting one of Backstop's inline policies on a principal: which principal, which
 * policy, and the document of that name it replaced (null where there was none, so undo deletes
 * Backstop's).
 */
interface InlinePolicyUndo extends UndoData {

    Principal.Kind kind();

    String name();

    String arn();

    String policyName();

    String previousDocument();

    default Principal principal() {
        return new Principal(kind(), name(), arn());
    }

    @Override
    default String call() {
        return (previousDocument() != null ? "Put" : "Delete") + (kind() == Principal.Kind.USER ? "User" : "Role") + "Policy";
    }

    /** The one IAM call {@link InlinePolicySwap#restore} makes, with its parameters. */
    @Override
    default List<String> calls() {
        String named = (kind() == Principal.Kind.USER ? "User" : "Role") + "Name=" + name() + " PolicyName=" + policyName();
        return List.of(call() + " " + named + (previousDocument() != null ? " PolicyDocument=" + previousDocument() : ""));
    }

    /** The fields every such record requires, named as the undo data names them. */
    static void validate(Principal.Kind kind, String name, String policyName) {
        if (kind == null) {
            throw new IllegalArgumentException("the undo data names no kind of principal");
        }
        UndoData.require(name, "name");
        UndoData.require(policyName, "policyName");
    }
}
