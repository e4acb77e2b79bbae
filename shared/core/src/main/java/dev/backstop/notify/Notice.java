package dev.backstop.notify;

import dev.backstop.audit.Outcome;
import dev.backstop.rules.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one decision means for one resource under one rule, in the words every channel uses:
 * the account and its alias, region, resource, rule, outcome, who made the change, a console
 * link, the audit id and the exact undo command. Built from the audit record ({@link Notices}),
 * never from what a message said.
 *
 * @param accountAlias the alias the rule files give the account; empty when they give none
 * @param actor who made the change: the caller's ARN and type, or for an alarm the alarm and the changes before it
 * @param details one sentence per action the rule ran on the resource, as the audit record words it
 * @param undoCommand the command that reverses the decision, when it changed something that can be reversed
 * @param contact whom the routing names for the resource, and {@code route} why
 * @param tags the resource's tags that routed it
 * @param mode the mode the actions ran in, and why when a stepped mode, the global mode or the kill switch decided it
 * @param declared the declared state the change was to, and the rule's policy for it; empty when none
 * @param vetoCommand for a pending decision: the command that stops it before its veto window ends
 * @param pipelineOwner the pipelines' owner, told as well when a rule reverts declared state and says to tell
 */
public record Notice(
        String auditId,
        String account,
        Optional<String> accountAlias,
        String region,
        String resource,
        String rule,
        Severity severity,
        Outcome outcome,
        String actor,
        String eventName,
        Instant decidedAt,
        List<String> details,
        String consoleLink,
        Optional<String> undoCommand,
        Optional<String> contact,
        String route,
        Map<String, String> tags,
        String mode,
        Optional<String> declared,
        Optional<String> vetoCommand,
        Optional<String> pipelineOwner) {

    public Notice {
        Objects.requireNonNull(auditId, "auditId");
        Objects.requireNonNull(accountAlias, "accountAlias");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(decidedAt, "decidedAt");
        details = List.copyOf(details);
        Objects.requireNonNull(consoleLink, "consoleLink");
        Objects.requireNonNull(undoCommand, "undoCommand");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(route, "route");
        tags = Map.copyOf(tags);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(declared, "declared");
        Objects.requireNonNull(vetoCommand, "vetoCommand");
        Objects.requireNonNull(pipelineOwner, "pipelineOwner");
    }

    /** True when the notice tells that an operator reversed the decision: its ticket is done with. */
    public boolean resolves() {
        return outcome == Outcome.UNDONE;
    }

    /** The account as people read it: {@code 111122223333 (payments-prod)}. */
    public String accountName() {
        return account + accountAlias.map(alias -> " (" + alias + ")").orElse("");
    }

    /** {@code Backstop REMEDIATED: cloudtrail-logging-stopped on arn:...}. */
    public String title() {
        return "Backstop " + outcome.name() + ": " + rule + " on " + resource;
    }

    /** The notice as plain text, one field a line, for topics, webhooks and tickets. */
    public String text() {
        StringBuilder text = new StringBuilder(title()).append("\n\n");
        line(text, "Account", accountName());
        line(text, "Region", region);
        line(text, "Resource", resource);
        line(text, "Rule", rule + (severity == null ? "" : " (" + severity.name().toLowerCase(java.util.Locale.ROOT) + ")"));
        line(text, "Outcome", outcome.name());
        line(text, "Mode", mode);
        line(text, "Changed by", actor);
        details.forEach(detail -> line(text, "Backstop", detail));
        declared.ifPresent(by -> line(text, "Declared state", by));
        vetoCommand.ifPresent(command -> line(text, "Veto", command));
        line(text, "Console", consoleLink);
        line(text, "Audit id", auditId + "  (./backstop audit show " + auditId + ")");
        line(text, "Undo", undoCommand.orElse("nothing to undo: Backstop changed nothing that can be reversed"));
        line(text, "Owner", contact.orElse("none") + " (" + route + ")");
        pipelineOwner.ifPresent(owner -> line(text, "Pipeline owner", owner + " (told: the pipeline's code will put the"
                + " change back until it is fixed there)"));
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(label).append(": ").append(value == null ? "-" : value).append('\n');
    }
}
