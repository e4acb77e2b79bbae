package dev.backstop.event;

import java.time.Instant;
import java.util.Optional;

/**
 * Who made the call. Every field may be absent: AWSService identities carry no ARN, and some
 * events carry no identity at all (type {@code Unknown}).
 */
public record UserIdentity(
        String type,
        String principalId,
        String arn,
        String accountId,
        String accessKeyId,
        String userName,
        String invokedBy,
        SessionIssuer sessionIssuer,
        Boolean mfaAuthenticated,
        Instant sessionCreated) {

    public static final String UNKNOWN_TYPE = "Unknown";

    public UserIdentity {
        type = type == null || type.isBlank() ? UNKNOWN_TYPE : type;
    }

    /** An identity for events that arrive without one. */
    public static UserIdentity unknown() {
        return new UserIdentity(null, null, null, null, null, null, null, null, null, null);
    }

    /** The ARN of the session issuer for assumed roles, else the caller's own ARN. */
    public Optional<String> issuerArn() {
        if (sessionIssuer != null && sessionIssuer.arn() != null) {
            return Optional.of(sessionIssuer.arn());
        }
        return Optional.ofNullable(arn);
    }

    /** What to call the principal in an audit record or a notification. */
    public String displayName() {
        if (arn != null) {
            return arn;
        }
        if (invokedBy != null) {
            return invokedBy;
        }
        return principalId != null ? type + ":" + principalId : type;
    }
}
