package dev.backstop.audit;

/**
 * One place where a chain is not as it was written.
 *
 * @param kind {@code edited}, {@code deleted}, {@code reordered}, {@code inserted} or {@code head}
 * @param auditId the record at fault, or the one the chain says was there; {@code -} when unknown
 * @param what what differs, for a person
 */
public record ChainProblem(String chain, long position, String auditId, String kind, String what) {

    @Override
    public String toString() {
        return "chain " + chain + " position " + position + " audit id " + auditId + ": " + kind + ": " + what;
    }
}
