package dev.backstop.cli.audit;

import dev.backstop.audit.AuditBrowser;
import dev.backstop.audit.AuditKeys;
import dev.backstop.engine.EngineModule;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./backstop audit show AUDIT-ID}: one record, whole. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = {
            "Prints one audit record as JSON.",
            "Prints the audit record stored under AUDIT-ID as JSON: every attribute as it",
            "is in the table, with its chain, position, hashes and field digests, and the",
            "notification note, which the chain's hash does not cover. Uses AWS",
            "credentials and region from the environment.",
            "Exit 0 when the record exists, 1 when it does not or the table could not be",
            "read, 2 on a usage error."})
final class ShowCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    @Mixin
    private AuditTableOption table;

    @Parameters(paramLabel = "AUDIT-ID", description = "the record's audit id, as `audit list` or a notification names it"
            + " (a bare event id names its decision, decision#EVENT-ID)")
    private String auditId;

    ShowCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        String name = table.table(env);
        AuditBrowser browser = new AuditBrowser(AuditClients.create().dynamoDb(), name, EngineModule.objectMapper());
        return browser.item(AuditKeys.typed(auditId)).map(item -> {
            spec.commandLine().getOut().println(ItemJson.pretty(item));
            return 0;
        }).orElseGet(() -> {
            spec.commandLine().getErr().println("backstop audit show: no audit record " + auditId + " in " + name);
            return 1;
        });
    }
}
