package dev.backstop.bench.cold;

import dev.backstop.cli.demo.DemoComponent;
import dev.backstop.cli.demo.DemoWorld;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs {@link ClientFloor} in fresh JVMs with a 512 MB function's flags, the SDK's generated
 * clients and signed calls alternated, N runs of each, on the Lambda artifact's jars: how much
 * of a cold start the SDK's clients take before Backstop does anything.
 *
 * <pre>
 * java dev.backstop.bench.cold.FloorRuns --artifact DIR --harness DIR [--runs 5]
 * </pre>
 */
public final class FloorRuns {

    private FloorRuns() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ColdStartRuns.options(args, "artifact", "harness");
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        Path artifact = Path.of(options.get("artifact"));
        String classpath = artifact.resolve("lib") + File.separator + "*" + File.pathSeparator + options.get("harness");
        List<String> jvm = Arrays.asList(options.getOrDefault("jvm", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:MaxRAM=512m")
                .trim().split("\\s+"));
        Path work = Files.createDirectories(Path.of(options.getOrDefault("work", "benchmarks/target/floor")));
        ColdStartRuns.requireLocalEndpoint();
        DemoWorld.Stage stage = DemoComponent.create().world().build("bench-floor-" + UUID.randomUUID().toString().substring(0, 8));
        System.out.printf("child JVM: java %s -cp %s %s sdk|signed %s %s %s%n", String.join(" ", jvm), classpath,
                ClientFloor.class.getName(), stage.auditTable(), stage.topicArn(), stage.trailName());

        List<Map<String, String>> sdk = new ArrayList<>();
        List<Map<String, String>> signed = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            for (String kind : i % 2 == 0 ? List.of("sdk", "signed") : List.of("signed", "sdk")) {
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
                command.addAll(jvm);
                command.addAll(List.of("-cp", classpath, ClientFloor.class.getName(), kind, stage.auditTable(), stage.topicArn(),
                        stage.trailName()));
                ProcessBuilder builder = new ProcessBuilder(command);
                builder.environment().remove("JAVA_TOOL_OPTIONS");
                Map<String, String> result = ColdStartRuns.timed(builder, "FLOOR", work, kind + "-" + i);
                // The first pair warms the emulators and the file cache; it is not counted.
                if (i > 0) {
                    (kind.equals("sdk") ? sdk : signed).add(result);
                    System.out.println("run " + i + " " + kind + ": " + result);
                }
            }
        }
        System.out.println("\nthe SDK's generated clients (DynamoDB, CloudTrail, SNS):");
        ColdStartRuns.summarize(sdk);
        System.out.println("\nthe same calls signed with the SDK's signer, through the same HTTP client:");
        ColdStartRuns.summarize(signed);
    }
}
