package dev.backstop.cli.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditBrowser;
import dev.backstop.audit.AuditEntry;
import dev.backstop.audit.AuditFilter;
import dev.backstop.audit.AuditRecord;
import dev.backstop.engine.EngineModule;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./backstop audit list}: the decisions, filtered by resource, principal, rule and time. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = {
            "Lists audit records by time, resource, principal and rule.",
            "Lists the audit records of every chain, oldest decision first, one line each:",
            "when, outcome, audit id, principal, rules and resources. Filters combine (all",
            "must hold) and compare exactly. TIME is a UTC time (2026-11-25T10:00:00Z), a",
            "day (2026-11-25, from its start) or an age before now (30m, 24h, 7d).",
            "Reads every record of every chain through the chain index; DynamoDB applies",
            "the resource, principal and rule filters. Uses AWS credentials and region",
            "from the environment.",
            "Exit 0 (also when nothing matches), 1 when the table could not be read,",
            "2 on a usage error."})
final class ListCommand implements Callable<Integer> {

    private final Map<String, String> env;
    private final TimeConverter times;

    @Spec
    private CommandSpec spec;

    @Mixin
    private AuditTableOption table;

    @Option(names = "--since", paramLabel = "TIME", description = "decided at or after TIME")
    private String since;

    @Option(names = "--until", paramLabel = "TIME", description = "decided before TIME")
    private String until;

    @Option(names = "--resource", paramLabel = "ARN", description = "an action acted on this resource (as recorded, e.g. an ARN)")
    private String resource;

    @Option(names = "--principal", paramLabel = "ARN", description = "the call was made by this principal (as recorded: ARN, or name where there is none)")
    private String principal;

    @Option(names = "--rule", paramLabel = "RULE-ID", description = "this rule matched")
    private String rule;

    @Option(names = "--json", description = "one JSON object per record per line: the record, its chain and position, the notification note")
    private boolean json;

    ListCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.times = new TimeConverter(clock);
    }

    @Override
    public Integer call() throws JsonProcessingException {
        AuditFilter filter = filter();
        String name = table.table(env);
        // Entries hold instants: the engine's mapper has no Java-time module, this one writes them as ISO-8601.
        ObjectMapper mapper = EngineModule.objectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        List<AuditEntry> entries = new AuditBrowser(AuditClients.create().dynamoDb(), name, mapper).list(filter);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            for (AuditEntry entry : entries) {
                out.println(mapper.writeValueAsString(entry));
            }
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("DECIDED AT", "OUTCOME", "AUDIT ID", "PRINCIPAL", "RULES", "RESOURCES"));
        entries.forEach(entry -> rows.add(row(entry.record())));
        if (!entries.isEmpty()) {
            Columns.print(out, rows);
        }
        out.println(entries.size() + (entries.size() == 1 ? " record" : " records") + " in " + name);
        return 0;
    }

    private AuditFilter filter() {
        Instant from = time("--since", since);
        Instant to = time("--until", until);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ParameterException(spec.commandLine(), "--since " + since + " (" + from
                    + ") is not before --until " + until + " (" + to + ")");
        }
        return new AuditFilter(from, to, nonBlank("--resource", resource), nonBlank("--principal", principal),
                nonBlank("--rule", rule));
    }

    private Instant time(String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            return times.convert(value);
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    private String nonBlank(String option, String value) {
        if (value != null && value.isBlank()) {
            throw new ParameterException(spec.commandLine(), option + ": empty; give a value or leave the option out");
        }
        return value == null ? null : value.strip();
    }

    private static List<String> row(AuditRecord record) {
        return List.of(record.decidedAt().toString(), record.outcome().name(), record.auditId(),
                record.principal() == null ? "-" : record.principal(),
                joined(record.actions().stream().map(ActionResult::rule).distinct().toList()),
                joined(record.actions().stream().map(ActionResult::resource).distinct().toList()));
    }

    private static String joined(List<String> values) {
        return values.isEmpty() ? "-" : values.stream().collect(Collectors.joining(","));
    }
}
