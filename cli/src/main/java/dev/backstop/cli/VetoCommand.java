package dev.backstop.cli;

import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Deferrals.Deferral;
import dev.backstop.config.Settings;
import dev.backstop.engine.VetoException;
import dev.backstop.engine.VetoService;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./backstop veto AUDIT-ID}: stop a decision's pending actions before its veto window ends, itself audited. */
@Command(
        name = "veto",
        mixinStandardHelpOptions = true,
        description = {
            "Stops a decision's pending actions before its veto window ends, audited with who vetoed.",
            "A rule with enforce-after notifies its decision as PENDING and acts when the window ends.",
            "This command marks the decision vetoed, deletes its schedule, writes an audit record",
            "veto#AUDIT-ID naming you (your AWS caller identity, not a name you type) and your reason,",
            "and notifies it. Without --yes it only says what would be vetoed. A decision whose",
            "actions ran already cannot be vetoed: undo it instead.",
            "Uses the deployment's settings from the environment, as the handlers do:",
            "BACKSTOP_AUDIT_TABLE, BACKSTOP_TOPIC_ARN and BACKSTOP_SCHEDULE_GROUP (or --table and --topic),",
            "AWS credentials and region.",
            "Exit 0 when vetoed (or, without --yes, vetoable), 1 when it cannot be, 2 on a usage error."})
public final class VetoCommand implements Callable<Integer> {

    private final Map<String, String> env;
    private final Clock clock;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "AUDIT-ID", description = "the audit record of the pending decision")
    private String auditId;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why, for the audit record and the owner")
    private String reason;

    @Option(names = "--yes", description = "really veto; without it, only show what would be stopped")
    private boolean yes;

    @Option(names = "--table", paramLabel = "NAME", description = "audit table (default: $BACKSTOP_AUDIT_TABLE)")
    private String table;

    @Option(names = "--topic", paramLabel = "ARN", description = "notification topic (default: $BACKSTOP_TOPIC_ARN)")
    private String topic;

    public VetoCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (reason.isBlank()) {
            spec.commandLine().getErr().println("backstop veto: --reason must say why");
            return 2;
        }
        BackstopComponent component = BackstopComponent.factory().create(settings(), clock);
        VetoService vetoes = component.vetoes();
        try {
            Deferral pending = vetoes.plan(auditId);
            if (!yes) {
                out.println("Would veto " + auditId + ", due at " + pending.due() + ":");
                pending.actions().forEach(action -> out.println("  " + action));
                out.println("Run again with --yes to veto.");
                return 0;
            }
            String operator = component.sts().getCallerIdentity().arn();
            AuditRecord vetoed = vetoes.veto(auditId, operator, reason);
            out.println("Vetoed " + auditId + " as " + operator + ": " + vetoed.reason());
            out.println("Audited as " + vetoed.auditId() + " (" + vetoed.outcome() + ").");
            return 0;
        } catch (VetoException e) {
            spec.commandLine().getErr().println("backstop veto: " + e.getMessage());
            return 1;
        }
    }

    private Settings settings() {
        return UndoCommand.settings(env, table, topic);
    }
}
