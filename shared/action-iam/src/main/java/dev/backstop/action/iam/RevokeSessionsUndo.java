package dev.backstop.action.iam;

import dev.backstop.action.UndoFormat;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * What takes a revocation policy off a role or user, restoring one it replaced, and the time
 * before which it denies sessions (which read-back and undo compare against). Version 1 was only
 * ever written for roles ({@link #FORMAT}); iam.revoke-user-sessions came with version 2
 * ({@link #USER_FORMAT}).
 */
record RevokeSessionsUndo(Principal.Kind kind, String name, String arn, String policyName, String previousDocument,
        Instant revokedBefore) implements InlinePolicyUndo {

    static final UndoFormat<RevokeSessionsUndo> FORMAT = UndoFormat.of(RevokeSessionsUndo.class,
            RevokeSessionsUndo::fromVersion1);
    /** A user's: iam.revoke-user-sessions came with version 2. */
    static final UndoFormat<RevokeSessionsUndo> USER_FORMAT = UndoFormat.of(RevokeSessionsUndo.class);

    RevokeSessionsUndo {
        InlinePolicyUndo.validate(kind, name, policyName);
        if (revokedBefore == null) {
            throw new IllegalArgumentException("the undo data names no revokedBefore");
        }
    }

    private static RevokeSessionsUndo fromVersion1(Map<String, String> version1) {
        Instant revokedBefore;
        try {
            revokedBefore = version1.get("revokedBefore") == null ? null : Instant.parse(version1.get("revokedBefore"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the undo data's revokedBefore is no time: " + version1.get("revokedBefore"), e);
        }
        return new RevokeSessionsUndo(InlinePolicySwap.kind(version1), version1.get("name"), version1.get("arn"),
                version1.get("policyName"), version1.get("previousDocument"), revokedBefore);
    }
}
