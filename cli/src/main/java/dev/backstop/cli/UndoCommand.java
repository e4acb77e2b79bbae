package dev.backstop.cli;

import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.config.Settings;
import dev.backstop.engine.UndoException;
import dev.backstop.engine.UndoService;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./backstop undo AUDIT-ID}: reverse what one decision applied, itself audited. */
@Command(
        name = "undo",
        mixinStandardHelpOptions = true,
        description = {
            "Reverses the changes a decision applied, verified and audited.",
            "Reverses every change a decision applied (its REMEDIATED actions), verifies by reading",
            "the state back, writes an audit record undo#AUDIT-ID and notifies. Without --yes it only",
            "says what it would reverse. A record holding an action that cannot be undone is refused",
            "before anything runs, and a record is undone at most once.",
            "Uses the deployment's settings from the environment, as the handlers do:",
            "BACKSTOP_AUDIT_TABLE and BACKSTOP_TOPIC_ARN (or --table and --topic), AWS credentials and region.",
            "It acts in the record's account: a member account's (BACKSTOP_HOME_ACCOUNT, BACKSTOP_ALLOWED_ACCOUNTS",
            "and BACKSTOP_MEMBER_ROLE_NAME set as the deployment has them) through the member role, any other",
            "only with credentials of that account; otherwise it refuses before anything runs.",
            "Exit 0 when undone (or, without --yes, undoable), 1 when it cannot be or failed, 2 on a usage error."})
public final class UndoCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "AUDIT-ID", description = "the audit record of the decision to undo")
    private String auditId;

    @Option(names = "--yes", description = "really undo; without it, only show what would be reversed")
    private boolean yes;

    @Option(names = "--table", paramLabel = "NAME", description = "audit table (default: $BACKSTOP_AUDIT_TABLE)")
    private String table;

    @Option(names = "--topic", paramLabel = "ARN", description = "notification topic (default: $BACKSTOP_TOPIC_ARN)")
    private String topic;

    public UndoCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        UndoService undo = BackstopComponent.factory().create(settings(), Clock.systemUTC()).undo();
        try {
            List<ActionResult> reversible = undo.plan(auditId);
            if (!yes) {
                out.println("Would undo " + auditId + ":");
                reversible.forEach(action -> out.println("  " + action.action() + " on " + action.resource()
                        + " (" + undo.call(action) + ")"));
                out.println("Run again with --yes to undo.");
                return 0;
            }
            AuditRecord done = undo.undo(auditId, System.getProperty("user.name", "operator"));
            done.actions().forEach(action -> out.println(action.outcome() + " " + action.action() + " on "
                    + action.resource() + ": " + action.detail()));
            out.println("Audited as " + done.auditId() + " (" + done.outcome() + ").");
            return done.outcome() == Outcome.UNDONE ? 0 : 1;
        } catch (UndoException e) {
            spec.commandLine().getErr().println("backstop undo: " + e.getMessage());
            return 1;
        }
    }

    private Settings settings() {
        return settings(env, table, topic);
    }

    /** The deployment's settings from the environment, with the table and topic the options name instead. */
    static Settings settings(Map<String, String> env, String table, String topic) {
        Map<String, String> settings = new HashMap<>(env);
        if (table != null) {
            settings.put(Settings.AUDIT_TABLE, table);
        }
        if (topic != null) {
            settings.put(Settings.TOPIC_ARN, topic);
        }
        return Settings.fromEnvironment(settings);
    }
}
