package dev.backstop.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The CPU time the benchmark JVM spent per operation (its GC and JIT threads included), beside
 * JMH's wall-clock figures. On a machine shared with other builds a thread gets only part of a
 * core and wall-clock throughput falls with the load; CPU time per operation does much less so.
 * With one benchmark thread, {@code cpu.ops/s} is the throughput one core would give. Reported
 * for throughput benchmarks only.
 *
 * <pre>java org.openjdk.jmh.Main -prof dev.backstop.bench.CpuTimeProfiler ...</pre>
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuAtStart;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        cpuAtStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration,
            IterationResult result) {
        double cpuNanos = os.getProcessCpuTime() - cpuAtStart;
        long ops = result.getMetadata().getAllOps();
        // Sampled modes count their operations differently; only throughput is reported.
        if (benchmark.getMode() != Mode.Throughput || ops == 0 || cpuNanos <= 0) {
            return List.of();
        }
        return List.of(
                new ScalarResult("cpu.us/op", cpuNanos / 1e3 / ops, "us/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.ops/s", ops / (cpuNanos / 1e9), "ops/cpu-s", AggregationPolicy.AVG));
    }
}
