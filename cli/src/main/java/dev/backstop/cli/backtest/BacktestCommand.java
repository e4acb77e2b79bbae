package dev.backstop.cli.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.cli.audit.TimeConverter;
import dev.backstop.cli.rules.ModeConverter;
import dev.backstop.cli.rules.RuleTools;
import dev.backstop.cli.sealed.SealedCatalogue;
import dev.backstop.config.Mode;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.event.CloudTrailLogReader;
import dev.backstop.rules.ExactPins;
import dev.backstop.rules.RuleBook;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./backstop backtest SOURCE}: what a rule pack would have done over history, and what an edit would change. */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description = {
            "Replays CloudTrail history through the rules and reports what they would have done, without acting.",
            "Each event goes through the handlers' own decision path in time order: failed calls and Backstop's own"
                    + " are ignored, each matching rule's mode is capped by --mode, exemptions (time-boxed ones as they"
                    + " stood at the event's time) and protected principals hold actions back, and the blast-radius"
                    + " and flapping breakers count enforcing actions as they would have, tripping for the rest of the"
                    + " replay. No AWS API that changes anything is called: the actions' clients cannot send.",
            "",
            "SOURCE is one of:",
            "  a folder (or file) of CloudTrail log files, gzipped or not, as a trail writes them"
                    + " (AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/); day folders outside --since/--until"
                    + " are not opened;",
            "  s3://BUCKET/PREFIX, the trail's bucket, of which only the days asked for are listed and read;",
            "  lookup-events, the last 90 days of management events of the region, through CloudTrail LookupEvents"
                    + " (paged, --lookup-rate calls a second);",
            "  athena:DATABASE.TABLE, a trail's Athena table, queried for only the events the rules pin by source and"
                    + " event name (--athena-workgroup, --athena-output).",
            "The AWS sources read the last 90 days unless --since and --until say otherwise, with region and credentials"
                    + " from the environment.",
            "",
            "The deployment is read from the environment as the handlers read it: BACKSTOP_OWN_PRINCIPALS (Backstop's"
                    + " own roles, whose calls are skipped), BACKSTOP_PROTECTED_PRINCIPALS (whose calls a rule matches are"
                    + " reported as protected, never acted on), BACKSTOP_HOME_ACCOUNT and BACKSTOP_ALLOWED_ACCOUNTS, the"
                    + " breaker limits (BACKSTOP_BLAST_ACCOUNT_LIMIT and the others), and the trusted set"
                    + " (BACKSTOP_TRUSTED_ACCOUNTS, BACKSTOP_TRUSTED_ORGANIZATION) by which shares, grants and trusts"
                    + " are judged outside.",
            "Resources are those the events name; exemptions by resource tag cannot be checked offline and are said so.",
            "",
            "Output: per rule, account and region, the matches, what would have been enforced, dry-run or notified,"
                    + " held by a breaker, exempted (by which exemption) or protected (a protected principal made the call,"
                    + " or is the target), the breaker trips, and"
                    + " the top principals and resources. --json writes one JSON object a line instead; --html FILE"
                    + " also writes one self-contained page with a timeline of each rule's decisions. With --against,"
                    + " the events the two packs decide differently, with the reason on each side.",
            "Bad files and records are reported on standard error with their path and skipped. Progress is shown on"
                    + " a terminal only.",
            ""},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {
            "0:every file and record was read",
            "1:a file or record was bad and skipped, the rules have errors, or a source failed",
            "2:usage error, including a SOURCE that does not exist"})
public final class BacktestCommand implements Callable<Integer> {

    static final Duration DEFAULT_HISTORY = Duration.ofDays(90);

    @Parameters(paramLabel = "SOURCE", description = "Log folder or file, s3://BUCKET/PREFIX, lookup-events or athena:DATABASE.TABLE.")
    private String source;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Team rule file, read after the default pack as a deployment reads it (repeatable).")
    private List<Path> ruleFiles = new ArrayList<>();

    @Option(names = "--against", paramLabel = "FILE",
            description = "Rule file of a second pack (after the default pack; repeatable): report the events it"
                    + " decides differently.")
    private List<Path> againstFiles = new ArrayList<>();

    @Option(names = "--since", paramLabel = "TIME", description = "Replay from this time: 2026-11-25T10:00:00Z, a day"
            + " (2026-11-25) or an age (7d).")
    private String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Replay up to (not including) this time.")
    private String until;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "enforce", converter = ModeConverter.class,
            description = "Global mode of the deployment: enforce, dry-run, notify or off. Default: ${DEFAULT-VALUE}.")
    private Mode mode;

    @Option(names = "--own-principal", paramLabel = "ARN",
            description = "An ARN pattern of Backstop's own principal, beside BACKSTOP_OWN_PRINCIPALS (repeatable).")
    private List<String> ownPrincipals = new ArrayList<>();

    @Option(names = "--protected-principal", paramLabel = "ARN",
            description = "An ARN pattern of a protected principal, beside BACKSTOP_PROTECTED_PRINCIPALS (repeatable).")
    private List<String> protectedPrincipals = new ArrayList<>();

    @Option(names = "--json", description = "JSON lines instead of the table.")
    private boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as one self-contained HTML page.")
    private Path html;

    @Option(names = "--lateness", paramLabel = "MINUTES", defaultValue = "60",
            description = "How late a trail may deliver an event after the file named before it. Default: ${DEFAULT-VALUE}.")
    private long latenessMinutes;

    @Option(names = "--lookup-rate", paramLabel = "N", defaultValue = "1",
            description = "LookupEvents calls a second, at most (CloudTrail allows 2 per account and region, for"
                    + " everyone). Default: ${DEFAULT-VALUE}.")
    private double lookupRate;

    @Option(names = "--athena-workgroup", paramLabel = "NAME", defaultValue = "primary",
            description = "Athena work group. Default: ${DEFAULT-VALUE}.")
    private String workGroup;

    @Option(names = "--athena-output", paramLabel = "S3-URI",
            description = "Where Athena writes the results, if the work group does not say.")
    private String athenaOutput;

    @Spec
    private CommandSpec spec;

    private final RuleTools tools;
    private final Map<String, String> env;
    private final boolean terminal;
    private final LongSupplier nanos;

    /**
     * @param terminal whether standard error is a terminal, which alone gets the progress line
     */
    public BacktestCommand(RuleTools tools, Map<String, String> env, boolean terminal, LongSupplier nanos) {
        this.tools = tools;
        this.env = env;
        this.terminal = terminal;
        this.nanos = nanos;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (latenessMinutes < 0 || latenessMinutes > 24 * 60) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lateness must be 0 to 1440 minutes");
        }
        Window window = window();
        Optional<RuleBook> rules = tools.withDefaultPack(ruleFiles, err).flatMap(texts -> tools.load(texts, err));
        Optional<RuleBook> against = againstFiles.isEmpty() ? Optional.empty()
                : tools.withDefaultPack(againstFiles, err).flatMap(texts -> tools.load(texts, err));
        if (rules.isEmpty() || !againstFiles.isEmpty() && against.isEmpty()) {
            return 1;
        }
        Deployment deployment = Deployment.fromEnvironment(env, mode, ownPrincipals, protectedPrincipals);
        SealedCatalogue catalogue = SealedCatalogue.create(tools.clock(), deployment.trusted());
        List<PackReplay> packs = new ArrayList<>();
        List<String> described = new ArrayList<>();
        packs.add(new PackReplay("rules", rules.get(), deployment, catalogue::applies, catalogue::actsPastBreakers));
        described.add(describe(ruleFiles, rules.get()));
        if (against.isPresent()) {
            packs.add(new PackReplay("against", against.get(), deployment, catalogue::applies,
                    catalogue::actsPastBreakers));
            described.add(describe(againstFiles, against.get()));
        }

        ObjectMapper mapper = new ObjectMapper();
        JsonLines lines = json ? new JsonLines(out, mapper) : null;
        BadInput bad = new BadInput(err);
        Report report = replay(window, packs, described, mapper, lines, bad);
        if (lines != null) {
            lines.summary(report);
        } else {
            new SummaryTable(out).print(report);
        }
        if (html != null) {
            write(html, new HtmlReport().render(report));
        }
        return bad.any() ? 1 : 0;
    }

    /** Reads the source through the packs, and what they decided. */
    private Report replay(Window window, List<PackReplay> packs, List<String> described, ObjectMapper mapper,
            JsonLines lines, BadInput bad) {
        CloudTrailLogReader reader = new CloudTrailLogReader(new CloudTrailEventParser(), mapper);
        Duration lateness = Duration.ofMinutes(latenessMinutes);
        EventSource events = new Sources(reader, lateness, mapper, nanosToSleep -> Thread.sleep(nanosToSleep / 1_000_000,
                (int) (nanosToSleep % 1_000_000)))
                .of(source, new Sources.Options(lookupRate, workGroup, athenaOutput), pins(packs));
        PackDiff diff = packs.size() < 2 ? null : new PackDiff(packs.get(0), packs.get(1),
                lines == null ? difference -> { } : lines::difference);
        Replay.Listener listener = diff != null ? diff : lines != null ? lines : decided -> { };
        TimeOrder order = new TimeOrder(lateness);
        Replay replay = new Replay(packs, window, order, listener, bad,
                new Progress(terminal ? spec.commandLine().getErr() : null, nanos), events::done);
        events.read(window, replay);
        replay.finish();
        List<Report.PackSummary> summaries = new ArrayList<>();
        for (int i = 0; i < packs.size(); i++) {
            summaries.add(new Report.PackSummary(packs.get(i).name(), described.get(i), packs.get(i).tally()));
        }
        return new Report(events.describe(), window, summaries, replay.files(), replay.events(), replay.outside(),
                bad.files(), bad.records(), order.late(), order.duplicates(), diff == null ? List.of() : diff.kept(),
                diff == null ? 0 : diff.differing(), diff == null ? Map.of() : diff.transitions());
    }

    private Window window() {
        TimeConverter times = new TimeConverter(tools.clock());
        try {
            Instant to = until != null ? times.convert(until) : Sources.inAws(source) ? tools.clock().instant() : null;
            Instant from = since != null ? times.convert(since)
                    : Sources.inAws(source) ? (to == null ? tools.clock().instant() : to).minus(DEFAULT_HISTORY) : null;
            return new Window(from, to);
        } catch (IllegalArgumentException | CommandLine.TypeConversionException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private String describe(List<Path> files, RuleBook book) {
        return "the default pack" + (files.isEmpty() ? "" : " and " + String.join(", ", files.stream().map(Path::toString)
                .toList())) + ", " + book.size() + " rules, global mode " + mode;
    }

    /** Every rule's pins, of every pack: what an Athena query must let through. */
    private static Map<String, ExactPins> pins(List<PackReplay> packs) {
        Map<String, ExactPins> pins = new LinkedHashMap<>();
        for (PackReplay pack : packs) {
            pack.pins().forEach((rule, pin) -> pins.put(pack.name() + ":" + rule, pin));
        }
        return pins;
    }

    private void write(Path file, String page) {
        try {
            Files.writeString(file, page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new dev.backstop.cli.UnreadableFileException(file, "cannot write: " + e.getMessage());
        }
    }
}
