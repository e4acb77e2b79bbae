package dev.backstop.cli.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.cli.UnreadableFileException;
import dev.backstop.cli.sealed.SealedCatalogue;
import dev.backstop.config.MemberAccess;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.AlarmPayloadParser;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.event.EventFiles;
import dev.backstop.event.FindingParser;
import dev.backstop.event.JsonInput;
import dev.backstop.rules.RuleBook;
import dev.backstop.text.Shown;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./backstop plan EVENT-FILE...}: what the rules would do with recorded events, without AWS. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = {
            "Shows which rules match recorded events and what they would do, without AWS.",
            "For each event: the rules that match it, the exemptions that apply, and the actions that would run"
                    + " in which mode. Nothing is sent to AWS; no credentials or region are needed.",
            "",
            "An EVENT-FILE may hold an EventBridge event (what the handler receives), a bare CloudTrail record,"
                    + " or a CloudTrail log file ({\"Records\": [...]}, gzipped or not, as a trail writes it to S3)."
                    + " A bare record is wrapped in the envelope EventBridge would deliver it in.",
            "It may also hold a CloudWatch alarm in any shape the alarm handlers read: the EventBridge"
                    + " \"CloudWatch Alarm State Change\" event, the Lambda event of an SNS delivery"
                    + " ({\"Records\": [{\"Sns\": ...}]}, each record planned), or the Lambda alarm action (alarmData)."
                    + " Alarm rules match it in the EventBridge shape whatever the delivery; what depends on the"
                    + " changes CloudTrail recorded before the alarm (correlate.require) is shown as \"decided at"
                    + " run time\".",
            "",
            "It may also hold a finding: a \"GuardDuty Finding\" event, or a \"Security Hub Findings - Imported\""
                    + " event (each of its findings planned). A finding no AWS product wrote is shown as rejected, a"
                    + " sample or closed one as ignored, as the findings function treats them.",
            "",
            "The mode shown is the rule's mode capped by --mode, the deployment's global mode. A rule in mode off"
                    + " is shown with no actions. Each action is asked whether it answers the event, as the handler"
                    + " asks it (an access key rule's expected networks, an alarm that names no function); only those"
                    + " that do are shown. Caller exemptions (principals, accounts and time-boxed ones,"
                    + " judged at the current time) are applied. Exemptions that depend on the resource (tags,"
                    + " time-boxed resource exemptions) cannot be decided from the event: they are shown as"
                    + " \"decided at run time\". A failed API call (errorCode set) is shown as ignored, as the handler"
                    + " ignores it. The handler also ignores events made by its own principals"
                    + " (BACKSTOP_OWN_PRINCIPALS), which this command does not know. An event made by a protected"
                    + " principal (BACKSTOP_PROTECTED_PRINCIPALS, or --protected-principal) is shown as protected: the"
                    + " handler notifies the rules that match it as PROTECTED and runs none of their actions.",
            "Whether a share, grant or trust reaches outside is judged by the trusted set, read from the environment"
                    + " as the handlers read it: BACKSTOP_TRUSTED_ACCOUNTS, BACKSTOP_TRUSTED_ORGANIZATION and the"
                    + " deployment's own accounts (BACKSTOP_HOME_ACCOUNT, BACKSTOP_ALLOWED_ACCOUNTS). Unset: only the"
                    + " resource's own account is trusted.",
            "",
            "A malformed event is reported with the field at fault, and the other events are still planned;"
                    + " each file is read within the limits the handlers read events with (an event of at most 1 MiB,"
                    + " a log file a record at a time). See the security model's Hostile input section.",
            ""},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {
            "0:every event was read",
            "1:an event was rejected, or the rules have errors (listed on standard error)",
            "2:usage error, including a file that cannot be read"})
public final class PlanCommand implements Callable<Integer> {

    @Parameters(paramLabel = "EVENT-FILE", arity = "1..*", description = "File of events to plan.")
    private List<Path> eventFiles = new ArrayList<>();

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Team rule file, read after the default pack as a deployment reads it (repeatable).")
    private List<Path> ruleFiles = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "enforce", converter = ModeConverter.class,
            description = "Global mode of the deployment (the template's Mode parameter): enforce, dry-run, notify"
                    + " or off. It caps every rule's mode and can only make it safer. Default: ${DEFAULT-VALUE}.")
    private Mode mode;

    @Option(names = "--protected-principal", paramLabel = "ARN",
            description = "An ARN pattern of a protected principal (the template's ProtectedPrincipalArns), beside"
                    + " BACKSTOP_PROTECTED_PRINCIPALS (repeatable).")
    private List<String> protectedPrincipals = new ArrayList<>();

    @Option(names = "--json", description = "One JSON object per event per line instead of the table.")
    private boolean json;

    @Spec
    private CommandSpec spec;

    private final RuleTools tools;
    private final Map<String, String> env;

    public PlanCommand(RuleTools tools, Map<String, String> env) {
        this.tools = tools;
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<RuleBook> rules = tools.withDefaultPack(ruleFiles, spec.commandLine().getErr())
                .flatMap(texts -> tools.load(texts, spec.commandLine().getErr()));
        if (rules.isEmpty()) {
            return 1;
        }
        // Every file is checked before anything is planned, so an unreadable one is a usage error, not half a plan.
        eventFiles.forEach(UnreadableFileException::requireReadable);

        EventFiles events = new EventFiles(new CloudTrailEventParser());
        AlarmPayloadParser alarms = new AlarmPayloadParser();
        FindingParser findings = new FindingParser();
        SealedCatalogue actions = SealedCatalogue.create(tools.clock(),
                TrustedSet.fromEnvironment(env, MemberAccess.fromEnvironment(env)));
        List<String> protectedCallers = new ArrayList<>(Settings.patterns(env, Settings.PROTECTED_PRINCIPALS));
        protectedCallers.addAll(protectedPrincipals);
        Planner planner = new Planner(rules.get(), mode, actions::applies, protectedCallers, tools.clock().instant());
        PlanJson lines = new PlanJson(new ObjectMapper(), tools.actionParameters());
        PlanTable table = new PlanTable(out);
        boolean[] anyRejected = {false};
        Consumer<EventPlan> show = plan -> {
            anyRejected[0] |= plan.isRejected();
            if (json) {
                out.println(lines.line(plan));
            } else {
                table.print(plan);
            }
        };
        for (Path file : eventFiles) {
            String source = Shown.escaped(file.toString());
            // One file at a time, each with its own result: a file the checks did not foresee stops only itself.
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                in.mark(JsonInput.MAX_BYTES + 2);
                byte[] head = in.readNBytes(JsonInput.MAX_BYTES + 1);
                in.reset();
                if (AlarmFiles.isAlarm(head)) {
                    alarms.read(head).forEach(entry -> show.accept(planner.plan(source, entry)));
                } else if (AlarmFiles.isFinding(head)) {
                    findings.read(head).forEach(entry -> show.accept(planner.plan(source, entry)));
                } else {
                    // A log file is planned record by record as it is read, never held whole.
                    events.read(in, entry -> show.accept(planner.plan(source, entry)));
                }
            } catch (IOException | RuntimeException | StackOverflowError e) {
                show.accept(EventPlan.rejected(source, "", null, null, "$: could not be planned ("
                        + e.getClass().getSimpleName() + "): " + Shown.truncated(String.valueOf(e.getMessage()))));
            }
        }
        if (!json) {
            table.summary(mode);
        }
        out.flush();
        return anyRejected[0] ? 1 : 0;
    }
}
