package dev.backstop.cli.audit;

import dev.backstop.config.Settings;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --table NAME}, shared by the audit commands; the deployment's environment names it otherwise. */
final class AuditTableOption {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--table", paramLabel = "NAME", description = "audit table (default: $BACKSTOP_AUDIT_TABLE)")
    private String table;

    /** The table to read, or a usage error when neither the option nor the environment names one. */
    String table(Map<String, String> env) {
        String name = table != null ? table : env.get(Settings.AUDIT_TABLE);
        if (name == null || name.isBlank()) {
            throw new ParameterException(spec.commandLine(),
                    "name the audit table with --table NAME or " + Settings.AUDIT_TABLE);
        }
        return name.strip();
    }
}
