package dev.backstop.action.ec2;

import dev.backstop.action.UndoData;
import dev.backstop.action.UndoFormat;
import java.util.List;

/**
 * The planned change to one group as undo re-authorizes and revokes it: the world-open rules
 * revoked, the allowed ports the split added, and the allowed world-open rules kept. Version 1
 * held each list as JSON text.
 */
record RevokeWorldIngressUndo(String groupId, List<IngressRule> revoked, List<IngressRule> added, List<IngressRule> kept)
        implements UndoData {

    static final UndoFormat<RevokeWorldIngressUndo> FORMAT = UndoFormat.of(RevokeWorldIngressUndo.class,
            IngressChange::fromVersion1);

    RevokeWorldIngressUndo {
        UndoData.require(groupId, "security group (groupId)");
        revoked = revoked == null ? List.of() : List.copyOf(revoked);
        added = added == null ? List.of() : List.copyOf(added);
        kept = kept == null ? List.of() : List.copyOf(kept);
    }

    @Override
    public String call() {
        return "AuthorizeSecurityGroupIngress for revoked, RevokeSecurityGroupIngress for added";
    }
}
