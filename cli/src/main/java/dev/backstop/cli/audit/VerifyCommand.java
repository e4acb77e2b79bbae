package dev.backstop.cli.audit;

import dev.backstop.audit.ChainProblem;
import dev.backstop.audit.ChainReport;
import dev.backstop.audit.ChainVerifier;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./backstop audit verify}: walk every chain and name what was tampered with. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Names every audit record that was edited, deleted or moved.",
            "Walks every hash chain of the audit table from its first record to its head",
            "and names each record that was edited (with the fields that changed),",
            "deleted, moved out of order or slipped in: chain, position, audit id and",
            "what differs. Prints each chain's head (position and hash): keep them",
            "elsewhere to show later that no chain was cut short.",
            "Uses AWS credentials and region from the environment and needs",
            "dynamodb:GetItem and dynamodb:Query on the table and its chain-position index.",
            "Exit 0 when every chain is intact, 1 when a problem was found or the table",
            "could not be read, 2 on a usage error."})
final class VerifyCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    @Mixin
    private AuditTableOption table;

    VerifyCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        String name = table.table(env);
        PrintWriter out = spec.commandLine().getOut();
        ChainVerifier verifier = new ChainVerifier(AuditClients.create().dynamoDb(), name);
        List<ChainReport> reports = verifier.verify();
        if (reports.isEmpty()) {
            out.println("no chains in " + name + ": nothing was recorded yet");
            return 0;
        }
        for (ChainReport report : reports) {
            String head = verifier.headOf(report.chain()).map(h -> "; head " + h).orElse("");
            out.println("chain " + report.chain() + ": " + report.length() + " records, "
                    + (report.intact() ? "intact" : report.problems().size() + " problems") + head);
            for (ChainProblem problem : report.problems()) {
                out.println("  position " + problem.position() + ", audit id " + problem.auditId() + ": "
                        + problem.kind() + ": " + problem.what());
            }
        }
        long broken = reports.stream().filter(report -> !report.intact()).count();
        out.println(reports.size() + " chains verified: " + (reports.size() - broken) + " intact, " + broken
                + " with problems");
        return broken == 0 ? 0 : 1;
    }
}
