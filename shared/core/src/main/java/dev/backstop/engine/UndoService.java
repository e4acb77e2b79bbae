package dev.backstop.engine;

import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditKeys;
import dev.backstop.audit.AuditLog;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.ChainProblem;
import dev.backstop.audit.Outcome;
import dev.backstop.aws.CredentialScope;
import dev.backstop.aws.MemberAccounts;
import dev.backstop.config.Mode;
import dev.backstop.notify.Notifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;

/**
 * Reverses what a decision applied ({@code ./backstop undo AUDIT-ID}): every REMEDIATED action of
 * the record, through the action's own undo, verified against the state recorded before the
 * remediation. The undo is audited under {@code undo#AUDIT-ID} (so a record is undone once) and
 * notified. Whatever cannot be undone is said before anything runs, and so is a record its chain
 * does not vouch for (edited, or a record after it changed or gone): its undo data could name any
 * call at all.
 *
 * <pre>{@code
 * List<ActionResult> reversible = undo.plan(auditId);   // throws UndoException if it cannot
 * AuditRecord done = undo.undo(auditId, "alice");
 * }</pre>
 */
@Singleton
public final class UndoService {

    static final String PREFIX = "undo#";

    private final AuditLog audit;
    private final Map<String, Provider<RemediationAction>> catalogue;
    private final Notifier notifier;
    private final MemberAccounts accounts;
    private final Clock clock;

    @Inject
    UndoService(AuditLog audit, Map<String, Provider<RemediationAction>> catalogue, Notifier notifier,
            MemberAccounts accounts, Clock clock) {
        this.audit = audit;
        this.catalogue = catalogue;
        this.notifier = notifier;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The applied actions an undo of the record would reverse; an {@link UndoException} if any cannot be. */
    public List<ActionResult> plan(String typed) {
        String auditId = AuditKeys.typed(typed);
        AuditRecord record = audit.find(auditId)
                .orElseThrow(() -> new UndoException("no completed audit record " + auditId));
        // The undo data says which calls to make: only a record its chain vouches for is believed.
        List<ChainProblem> tampered = audit.problemsFrom(auditId);
        if (!tampered.isEmpty()) {
            throw new UndoException(auditId + " fails verification, so its undo data cannot be trusted: "
                    + tampered.stream().map(ChainProblem::toString).collect(Collectors.joining("; "))
                    + "; nothing was changed (./backstop audit verify names every problem)");
        }
        List<ActionResult> applied = record.actions().stream()
                .filter(action -> action.outcome() == Outcome.REMEDIATED)
                .toList();
        if (applied.isEmpty()) {
            throw new UndoException("nothing to undo: " + auditId + " applied no change (" + record.outcome() + ")");
        }
        List<String> problems = applied.stream().map(this::problem).flatMap(Optional::stream).toList();
        if (!problems.isEmpty()) {
            throw new UndoException(String.join("; ", problems) + "; nothing was changed");
        }
        if (audit.find(PREFIX + auditId).isPresent()) {
            throw new UndoException(auditId + " was undone already (audit record " + PREFIX + auditId + ")");
        }
        try {
            accounts.requireReachable(record.account());
        } catch (IllegalArgumentException e) {
            throw new UndoException(e.getMessage() + "; nothing was changed");
        }
        return applied;
    }

    /**
     * The API calls undoing the action makes, each as {@code service:Operation key=value ...}, from
     * the undo data of the verified record: what an operator reads before confirming.
     */
    public List<String> calls(ActionResult action) {
        String service = action.action().substring(0, action.action().indexOf('.'));
        return catalogue.get(action.action()).get().readUndo(action.undo()).calls().stream()
                .map(call -> service + ":" + call).toList();
    }

    /** Undoes the record's applied actions, audits and notifies the undo, and returns its record. */
    public AuditRecord undo(String typed, String operator) {
        String auditId = AuditKeys.typed(typed);
        List<ActionResult> applied = plan(auditId);
        if (!audit.claim(PREFIX + auditId, clock.instant()).held()) {
            throw new UndoException(auditId + " is being undone or was undone already");
        }
        AuditRecord original = audit.find(auditId).orElseThrow();
        List<ActionResult> results = new ArrayList<>();
        for (ActionResult action : applied) {
            ResourceState after;
            // In the account the remediation acted in: a member account's through its member role,
            // which the operator's credentials must be allowed to assume, never silently here.
            try (CredentialScope.Scope account = accounts.actAs(original.account())) {
                after = catalogue.get(action.action()).get().undo(action.undo());
            } catch (RuntimeException e) {
                // Let the operator try again at once rather than after the claim's lease.
                audit.release(PREFIX + auditId);
                throw e;
            }
            boolean restored = after.facts().entrySet().containsAll(action.before().entrySet());
            results.add(new ActionResult(action.rule(), action.severity(), action.action(), Mode.ENFORCE,
                    action.resource(), restored ? Outcome.UNDONE : Outcome.FAILED, action.after(), after.facts(),
                    ActionResult.noUndo(), restored ? "undid " + action.detail()
                            : "undo ran, but the read-back " + after.facts() + " differs from the state before, "
                                    + action.before()));
        }
        Outcome outcome = results.stream().map(ActionResult::outcome).reduce(Outcome::weightier).orElseThrow();
        AuditRecord undone = new AuditRecord(PREFIX + auditId, original.eventId(), original.eventName(),
                original.eventSource(), original.account(), original.region(), original.eventTime(), clock.instant(),
                operator, "Operator", null, outcome, "undo of " + auditId + " requested by " + operator, results,
                original.alarm());
        audit.recordClaimed(PREFIX + auditId, undone);
        notifier.publish(undone);
        return undone;
    }

    /**
     * Why the action cannot be undone, if it cannot: not undoable, or undo data this Backstop
     * cannot read (say, of a newer version), found before any action of the record is undone.
     */
    private Optional<String> problem(ActionResult action) {
        String named = action.action() + " on " + action.resource();
        Provider<RemediationAction> provider = catalogue.get(action.action());
        if (provider == null || action.undo().isEmpty() || !provider.get().undoable()) {
            return Optional.of(named + " cannot be undone");
        }
        try {
            provider.get().readUndo(action.undo());
            return Optional.empty();
        } catch (IllegalArgumentException unreadable) {
            return Optional.of(named + " cannot be undone: " + unreadable.getMessage());
        }
    }
}
