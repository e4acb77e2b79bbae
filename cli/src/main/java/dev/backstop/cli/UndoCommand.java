package dev.backstop.cli;

import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.config.Settings;
import dev.backstop.engine.UndoException;
import dev.backstop.engine.UndoService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
            "the state back, writes an audit record undo#AUDIT-ID and notifies. First it verifies the",
            "record's chain (as audit verify does, from the record to the chain's head) and refuses a",
            "record that fails: its undo data names the calls to make. Then it prints the exact API",
            "calls, with their parameters, and asks for confirmation (type yes); --yes confirms",
            "beforehand. A record holding an action that cannot be undone is refused before anything",
            "runs, and a record is undone at most once.",
            "Uses the deployment's settings from the environment, as the handlers do:",
            "BACKSTOP_AUDIT_TABLE and BACKSTOP_TOPIC_ARN (or --table and --topic), AWS credentials and region.",
            "It acts in the record's account: a member account's (BACKSTOP_HOME_ACCOUNT, BACKSTOP_ALLOWED_ACCOUNTS",
            "and BACKSTOP_MEMBER_ROLE_NAME set as the deployment has them) through the member role, with a session",
            "name of the operator's own (backstop-operator-USER), any other only with credentials of that account;",
            "otherwise it refuses before anything runs.",
            "Exit 0 when undone (or, unconfirmed, undoable), 1 when it cannot be or failed, 2 on a usage error."})
public final class UndoCommand implements Callable<Integer> {

    private final Map<String, String> env;
    private final InputStream in;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "AUDIT-ID", description = "the audit record of the decision to undo"
            + " (a bare event id names its decision, decision#EVENT-ID)")
    private String auditId;

    @Option(names = "--yes", description = "confirm beforehand; without it, the calls are shown and confirmed by typing yes")
    private boolean yes;

    @Option(names = "--table", paramLabel = "NAME", description = "audit table (default: $BACKSTOP_AUDIT_TABLE)")
    private String table;

    @Option(names = "--topic", paramLabel = "ARN", description = "notification topic (default: $BACKSTOP_TOPIC_ARN)")
    private String topic;

    /** {@code in}: where the confirmation is read, the terminal. */
    public UndoCommand(Map<String, String> env, InputStream in) {
        this.env = env;
        this.in = in;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String operator = System.getProperty("user.name", "operator");
        UndoService undo = BackstopComponent.factory().create(settings(operator), Clock.systemUTC()).undo();
        try {
            List<ActionResult> reversible = undo.plan(auditId);
            out.println("Undo of " + auditId + ": the record verifies against its chain. It would make these calls:");
            reversible.forEach(action -> {
                out.println("  " + action.action() + " on " + action.resource() + " (rule " + action.rule() + "):");
                undo.calls(action).forEach(call -> out.println("    " + call));
            });
            if (!yes && !confirmed(out)) {
                out.println("Not confirmed: nothing was changed. Type yes when asked, or run again with --yes.");
                return 0;
            }
            AuditRecord done = undo.undo(auditId, operator);
            done.actions().forEach(action -> out.println(action.outcome() + " " + action.action() + " on "
                    + action.resource() + ": " + action.detail()));
            out.println("Audited as " + done.auditId() + " (" + done.outcome() + ").");
            return done.outcome() == Outcome.UNDONE ? 0 : 1;
        } catch (UndoException e) {
            spec.commandLine().getErr().println("backstop undo: " + e.getMessage());
            return 1;
        }
    }

    /** True when the operator types yes; no terminal, or anything else, is no. */
    private boolean confirmed(PrintWriter out) {
        out.print("Make these calls? Type yes to confirm: ");
        out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            return answer != null && answer.trim().equals("yes");
        } catch (IOException e) {
            return false;
        }
    }

    /** The deployment's settings, the member role assumed with the operator's own session name. */
    private Settings settings(String operator) {
        Settings deployment = settings(env, table, topic);
        return deployment.withMembers(deployment.members().operator(operator));
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
