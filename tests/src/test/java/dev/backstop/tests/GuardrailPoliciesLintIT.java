package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every policy {@code ./backstop guardrails} writes, linted by parliament (an IAM policy linter from
 * PyPI, installed by scripts/lint-policies into a venv): each action, condition key and ARN must be
 * one AWS knows. A policy with a misspelt action shows the linter is awake.
 */
class GuardrailPoliciesLintIT {

    private static final Path ROOT = root();

    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/lint-policies"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no scripts/lint-policies above " + Path.of("").toAbsolutePath());
    }

    private record Lint(int exitCode, String output) {
    }

    private static Lint lint(Path dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ROOT.resolve("scripts/lint-policies").toString(), dir.toString())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("lint-policies finished").isTrue();
        return new Lint(process.exitValue(), output);
    }

    private static void guardrails(Path dir, String... stacks) {
        List<String> args = new java.util.ArrayList<>(List.of("guardrails", "--deployment-principal",
                "arn:aws:iam::111122223333:role/backstop-deployer", "--deployment-principal",
                "arn:aws:iam::111122223333:user/ci", "--security-role", "arn:aws:iam::111122223333:role/security",
                "--out", dir.toString()));
        for (String stack : stacks) {
            args.addAll(List.of("--stack", stack));
        }
        CommandRun run = CommandRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void everyGeneratedPolicyPassesParliament(@TempDir Path dir) throws Exception {
        guardrails(dir, "backstop", "Backstop-EU");
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(9);
        }

        Lint lint = lint(dir);

        assertThat(lint.exitCode()).as(lint.output()).isZero();
        assertThat(lint.output()).doesNotContain("\"issue\"");
    }

    @Test
    void theLinterFindsAMisspeltActionInAGeneratedPolicy(@TempDir Path dir) throws Exception {
        guardrails(dir, "backstop");
        Path central = dir.resolve("backstop-central-scp.json");
        Files.writeString(central, Files.readString(central)
                .replace("lambda:PutFunctionConcurrency", "lambda:PutFunctionConcurency"));

        Lint lint = lint(dir);

        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.output()).contains("UNKNOWN_ACTION").contains("lambda:PutFunctionConcurency");
    }
}
