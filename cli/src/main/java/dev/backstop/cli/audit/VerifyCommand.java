package dev.backstop.cli.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.audit.AnchoredHeads;
import dev.backstop.audit.ChainAnchors;
import dev.backstop.audit.ChainProblem;
import dev.backstop.audit.ChainReport;
import dev.backstop.audit.ChainVerifier;
import dev.backstop.config.RulesLocation;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
            "what differs. Prints each chain's head (position and hash). With --anchor",
            "(or BACKSTOP_ANCHOR_LOCATION) it also compares the table with the heads the",
            "trail watchdog last anchored in S3 under Object Lock: a chain cut short, or",
            "rewritten and rehashed, no longer reaches its anchored record.",
            "Uses AWS credentials and region from the environment and needs",
            "dynamodb:GetItem and dynamodb:Query on the table and its chain-position index",
            "(and s3:GetObject on the anchor).",
            "Exit 0 when every chain is intact and agrees with the anchor, 1 when a problem",
            "was found or the table or anchor could not be read, 2 on a usage error."})
final class VerifyCommand implements Callable<Integer> {

    /** Where the deployment anchors the chain heads (the template's AnchorLocation output). */
    static final String ANCHOR_VARIABLE = "BACKSTOP_ANCHOR_LOCATION";

    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    @Mixin
    private AuditTableOption table;

    @Option(names = "--anchor", paramLabel = "s3://BUCKET/KEY",
            description = "the chain-head anchor to compare with (default: $BACKSTOP_ANCHOR_LOCATION; none: no comparison)")
    private String anchor;

    VerifyCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        String name = table.table(env);
        RulesLocation anchorAt = anchorLocation();
        PrintWriter out = spec.commandLine().getOut();
        AuditClients clients = AuditClients.create();
        ChainVerifier verifier = new ChainVerifier(clients.dynamoDb(), name);
        List<ChainReport> reports = verifier.verify();
        int anchorProblems = anchorAt == null ? 0 : compareWithAnchor(clients, name, anchorAt, out);
        if (reports.isEmpty()) {
            out.println("no chains in " + name + ": nothing was recorded yet");
            return anchorProblems == 0 ? 0 : 1;
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
        return broken == 0 && anchorProblems == 0 ? 0 : 1;
    }

    private RulesLocation anchorLocation() {
        String text = anchor != null ? anchor : env.getOrDefault(ANCHOR_VARIABLE, "");
        if (text.isBlank()) {
            return null;
        }
        try {
            return RulesLocation.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--anchor: " + e.getMessage());
        }
    }

    /** Prints how the table compares with the anchor; returns the number of problems. */
    private static int compareWithAnchor(AuditClients clients, String table, RulesLocation at, PrintWriter out) {
        byte[] content = clients.s3Objects().readIfChanged(at.bucket(), at.key(), null)
                .orElseThrow(() -> new IllegalStateException("cannot read the anchor " + at)).content();
        AnchoredHeads anchored = AnchoredHeads.parse(content, new ObjectMapper(), at.toString());
        List<ChainProblem> problems = new ChainAnchors(clients.dynamoDb(), table).against(anchored);
        out.println("anchor " + at + " (" + anchored.anchoredAt() + ", " + anchored.heads().size() + " chains): "
                + (problems.isEmpty() ? "the table agrees with it" : problems.size() + " problems"));
        problems.forEach(problem -> out.println("  chain " + problem.chain() + " position " + problem.position()
                + ", audit id " + problem.auditId() + ": " + problem.what()));
        return problems.size();
    }
}
