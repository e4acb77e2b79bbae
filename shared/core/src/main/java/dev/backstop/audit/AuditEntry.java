package dev.backstop.audit;

/**
 * A chained audit record with its place in its chain.
 *
 * @param notification {@code sent}, {@code failed: ...}, or null when none was due; not covered by the chain's hash
 */
public record AuditEntry(AuditRecord record, String chain, long position, String notification) {
}
