package dev.backstop.cli.guardrails;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.cli.guardrails.GuardrailPolicy.Kind;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./backstop guardrails}: the policies that keep Backstop's own resources out of an intruder's reach. */
@Command(
        name = "guardrails",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the policies that protect Backstop itself, written for your names.",
            "Service control policies deny any change to Backstop's rules, functions, roles,",
            "audit table, topics, keys, queues, alarms, schedule group and buckets (central and",
            "member) except by the deployment principals, and any write of a backstop:* tag",
            "except by the security roles; resource policies carry the same denies on the",
            "topic, queue, key, table and anchor bucket (template.yaml sets the topic's,",
            "queue's, key's and bucket's). Names follow template.yaml and member-account.yaml.",
            "Nothing is read from or changed in AWS: attach the SCPs in AWS Organizations",
            "yourself. Prints one JSON object (file name to policy), or with --out writes one",
            "file per policy. Exit 0 when every policy was written, 1 when a service control",
            "policy would exceed the 5,120 characters AWS Organizations allows (name fewer",
            "stacks or principals), 2 on a usage error."})
public final class GuardrailsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--stack", paramLabel = "NAME", required = true,
            description = "a central stack's name (repeat for stacks of other names)")
    private List<String> stacks = new ArrayList<>();

    @Option(names = "--deployment-principal", paramLabel = "ARN", required = true,
            description = "IAM role or user ARN that deploys Backstop, the only principal the denies spare (repeat for more)")
    private List<String> deployers = new ArrayList<>();

    @Option(names = "--security-role", paramLabel = "ARN",
            description = "IAM role or user ARN that may write backstop:* tags and breaker resets (repeat for more)")
    private List<String> securityRoles = new ArrayList<>();

    @Option(names = "--member-role-name", paramLabel = "NAME", defaultValue = "BackstopRemediation",
            description = "member-account.yaml's RoleName (default: ${DEFAULT-VALUE})")
    private String memberRoleName;

    @Option(names = "--forward-rule-prefix", paramLabel = "PREFIX", defaultValue = "backstop-forward",
            description = "member-account.yaml's ForwardRuleNamePrefix (default: ${DEFAULT-VALUE})")
    private String forwardRulePrefix;

    @Option(names = "--partition", paramLabel = "PARTITION", defaultValue = "aws",
            description = "aws, aws-cn or aws-us-gov (default: ${DEFAULT-VALUE})")
    private String partition;

    @Option(names = "--out", paramLabel = "DIR", description = "write one file per policy into DIR (created if missing)")
    private Path out;

    @Override
    public Integer call() {
        GuardrailInputs inputs;
        try {
            inputs = new GuardrailInputs(stacks, deployers, securityRoles, memberRoleName, forwardRulePrefix, partition);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        List<GuardrailPolicy> policies = new Guardrails(inputs).policies();
        List<String> tooLarge = policies.stream()
                .filter(policy -> policy.kind() == Kind.SERVICE_CONTROL_POLICY)
                .filter(policy -> policy.compactLength(json) > GuardrailPolicy.SCP_MAX_CHARACTERS)
                .map(policy -> policy.file() + " (" + policy.compactLength(json) + " characters)")
                .toList();
        if (!tooLarge.isEmpty()) {
            spec.commandLine().getErr().println("backstop guardrails: over AWS Organizations' "
                    + GuardrailPolicy.SCP_MAX_CHARACTERS + "-character limit: " + String.join(", ", tooLarge)
                    + "; name fewer stacks or principals per run");
            return 1;
        }
        PrintWriter printer = spec.commandLine().getOut();
        if (out == null) {
            ObjectNode all = json.createObjectNode();
            policies.forEach(policy -> all.set(policy.file(), policy.json(json)));
            printer.println(all.toPrettyString());
            return 0;
        }
        for (GuardrailPolicy policy : policies) {
            Path file = out.resolve(policy.file());
            write(file, policy.json(json).toPrettyString() + "\n");
            printer.println(file + ": " + (policy.kind() == Kind.SERVICE_CONTROL_POLICY ? "SCP" : "resource policy")
                    + ", " + policy.purpose());
        }
        return 0;
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
