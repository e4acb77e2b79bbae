package dev.backstop.bench.cold;

import dev.backstop.cli.demo.TerminalContext;
import dev.backstop.config.Settings;
import dev.backstop.handlers.cloudtrail.TrailComponent;
import java.time.Clock;
import dev.backstop.handlers.cloudtrail.CloudTrailHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * One cold start, run in a fresh JVM on the Lambda artifact's classpath by {@link ColdStartRuns}:
 * builds the handler as {@code new CloudTrailHandler()} does, the graph and then the handler (which
 * compiles the rules while a second thread builds the engine and its clients) each timed, decides
 * the first event (the emulators serve AWS), and prints one {@code COLD} line with the split and
 * the memory in use. Further event files, if given, are decided warm afterwards.
 *
 * <p>With {@code -Dbackstop.bench.prime=true} the handler's SnapStart priming runs before the first
 * event and is timed on its own, to show what a snapshot saves the first event after a restore.
 *
 * <p>Management beans are touched only after the first event, so their own class loading is not
 * counted in any step.
 */
public final class ColdStart {

    /** System property: run SnapStart priming before the first event, as a snapshot would have. */
    static final String PRIME = "backstop.bench.prime";

    static final String FIRST_EVENT_DONE = "FIRST-EVENT-DONE";

    /** System property: after each event, print a {@code CALLS} line with the AWS calls it made ({@link CallLog}). */
    static final String CALLS = "backstop.bench.calls";

    private ColdStart() {
    }

    public static void main(String[] args) throws IOException {
        long mainAt = System.currentTimeMillis();
        long start = System.nanoTime();
        TrailComponent component = TrailComponent.create(Settings.fromEnvironment(System.getenv()), Clock.systemUTC());
        long componentDone = System.nanoTime();
        CloudTrailHandler handler = new CloudTrailHandler(component);
        long handlerDone = System.nanoTime();
        if (Boolean.getBoolean(PRIME)) {
            // What a SnapStart snapshot holds: the JVM after init and priming. The first event
            // below is then the first event after a restore (the restore itself not included).
            component.priming().beforeCheckpoint(null);
        }
        long primed = System.nanoTime();
        String outcome = decide(handler, Files.readAllBytes(Path.of(args[0])));
        long eventDone = System.nanoTime();
        long endAt = System.currentTimeMillis();
        // The runner takes its wall-clock reading at this line, before the memory figures below.
        System.out.println(FIRST_EVENT_DONE);
        System.out.flush();
        printCalls(0, outcome);
        int rules = component.rules().current().size();
        long cpu = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);

        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        double heapUsed = heapUsedMb();
        System.gc();
        double heapLive = heapUsedMb();
        StringBuilder line = new StringBuilder("COLD");
        field(line, "jvm_ms", mainAt - jvmStart);
        field(line, "component_ms", ms(componentDone - start));
        field(line, "handler_ms", ms(handlerDone - componentDone));
        if (Boolean.getBoolean(PRIME)) {
            field(line, "priming_ms", ms(primed - handlerDone));
        }
        field(line, "first_event_ms", ms(eventDone - primed));
        field(line, "total_ms", endAt - jvmStart);
        field(line, "cpu_ms", cpu);
        field(line, "heap_used_mb", heapUsed);
        field(line, "heap_live_mb", heapLive);
        field(line, "metaspace_mb", metaspaceMb());
        field(line, "rss_mb", procStatusMb("VmRSS"));
        line.append(" rules=").append(rules).append(" outcome=").append(outcome);

        String[] warm = Arrays.copyOfRange(args, 1, args.length);
        if (warm.length > 0) {
            double[] times = new double[warm.length];
            for (int i = 0; i < warm.length; i++) {
                long before = System.nanoTime();
                String decided = decide(handler, Files.readAllBytes(Path.of(warm[i])));
                times[i] = ms(System.nanoTime() - before);
                printCalls(i + 1, decided);
            }
            Arrays.sort(times);
            line.append(" warm_events=").append(warm.length);
            field(line, "warm_median_ms", times[times.length / 2]);
            field(line, "heap_live_after_warm_mb", liveAfterGc());
        }
        field(line, "rss_peak_mb", procStatusMb("VmHWM"));
        System.out.println(line);
    }

    private static String decide(CloudTrailHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, new TerminalContext(System.err));
        String result = out.toString(StandardCharsets.UTF_8);
        int at = result.indexOf("\"outcome\":\"");
        return at < 0 ? "?" : result.substring(at + 11, result.indexOf('"', at + 11));
    }

    private static void printCalls(int event, String outcome) {
        if (Boolean.getBoolean(CALLS)) {
            System.out.println("CALLS event=" + event + " outcome=" + outcome + " " + String.join(",", CallLog.drain()));
        }
    }

    private static double liveAfterGc() {
        System.gc();
        return heapUsedMb();
    }

    private static double heapUsedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    private static double metaspaceMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getName().equals("Metaspace"))
                .mapToLong(pool -> pool.getUsage().getUsed())
                .sum() / 1048576.0;
    }

    /** A figure from /proc/self/status in MB, or -1 where there is no /proc. */
    private static double procStatusMb(String key) {
        try {
            for (String row : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (row.startsWith(key + ":")) {
                    return Long.parseLong(row.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: no figure
        }
        return -1;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void field(StringBuilder line, String name, double value) {
        line.append(' ').append(name).append('=').append(String.format(Locale.ROOT, "%.1f", value));
    }
}
