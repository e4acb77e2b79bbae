package dev.backstop.audit;

import java.time.Instant;

/**
 * Which audit records to list; a null field lets every record through.
 *
 * @param since decided at or after
 * @param until decided before
 * @param resource a resource one of its actions acted on (exactly, e.g. an ARN)
 * @param principal who made the call (exactly, as recorded: the ARN or name)
 * @param rule a rule that matched
 */
public record AuditFilter(Instant since, Instant until, String resource, String principal, String rule) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null);

    boolean admits(Instant decidedAt) {
        return (since == null || !decidedAt.isBefore(since)) && (until == null || decidedAt.isBefore(until));
    }
}
