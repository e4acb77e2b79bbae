package dev.backstop.action.iam;

import dev.backstop.action.UndoFormat;
import java.util.Map;

/** What takes Backstop's deny-all policy off a quarantined user or role, restoring one it replaced. */
record QuarantineUndo(Principal.Kind kind, String name, String arn, String policyName, String previousDocument)
        implements InlinePolicyUndo {

    static final UndoFormat<QuarantineUndo> FORMAT = UndoFormat.of(QuarantineUndo.class, QuarantineUndo::fromVersion1);

    QuarantineUndo {
        InlinePolicyUndo.validate(kind, name, policyName);
    }

    static QuarantineUndo fromVersion1(Map<String, String> version1) {
        return new QuarantineUndo(InlinePolicySwap.kind(version1), version1.get("name"), version1.get("arn"),
                version1.get("policyName"), version1.get("previousDocument"));
    }
}
