package dev.backstop.bench;

import dev.backstop.rules.DefaultPack;
import dev.backstop.rules.RuleBook;
import dev.backstop.rules.RuleText;
import dev.backstop.testing.TestRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A team rule file of many generated rules, in the mix of pattern kinds real packs use: exact
 * names, {@code prefix}, {@code anything-but}, {@code numeric} ranges, {@code cidr},
 * {@code $or}, {@code suffix} and {@code equals-ignore-case}. Compiled through
 * {@code RuleLoader} from a file, as a handler compiles a team's file.
 */
final class GeneratedRules {

    private static final int KINDS = 7;

    private GeneratedRules() {
    }

    /** The default pack plus {@code count} generated rules; 0 gives the default pack alone. */
    static RuleBook book(int count) {
        return book(count, false);
    }

    /**
     * As {@link #book(int)}; {@code named}: every rule names its call with an exact
     * {@code eventName}, as the default pack's rules do, and the prefix, {@code $or} and
     * {@code equals-ignore-case} kinds act on other fields instead of matching calls by name.
     */
    static RuleBook book(int count, boolean named) {
        if (count == 0) {
            return TestRules.loader(Instant.now()).load(List.of(DefaultPack.text()));
        }
        try {
            Path file = Files.createTempFile("backstop-bench-rules-", ".yaml");
            try {
                Files.writeString(file, yaml(count, named));
                RuleText text = new RuleText(file.getFileName().toString(), Files.readString(file));
                return TestRules.loader(Instant.now()).load(List.of(DefaultPack.text(), text));
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated rule file", e);
        }
    }

    static String yaml(int count) {
        return yaml(count, false);
    }

    static String yaml(int count, boolean named) {
        StringBuilder out = new StringBuilder("version: 1\nrules:\n");
        for (int i = 0; i < count; i++) {
            ApiCalls.Call call = ApiCalls.ALL.get(i % ApiCalls.ALL.size());
            int variant = i / KINDS;
            int kind = i % KINDS;
            out.append("  - id: gen-").append(String.format("%04d", i)).append('\n')
                    .append("    description: generated rule ").append(i).append('\n')
                    .append("    severity: ").append(List.of("low", "medium", "high", "critical").get(i % 4)).append('\n')
                    .append("    mode: notify\n")
                    .append("    match:\n")
                    .append("      source: [").append(call.source()).append("]\n")
                    .append("      detail-type: [AWS API Call via CloudTrail]\n")
                    .append("      detail:\n")
                    .append(named ? namedDetail(kind, variant, call) : detail(kind, variant, call))
                    .append("    actions:\n")
                    .append("      - action: cloudtrail.start-logging\n");
        }
        return out.toString();
    }

    private static String detail(int kind, int variant, ApiCalls.Call call) {
        String name = call.eventName();
        String source = call.eventSource();
        return switch (kind) {
            case 0 -> line("eventSource: [" + source + "]") + line("eventName: [" + name + "]")
                    + line("errorCode: [{exists: false}]");
            case 1 -> line("eventSource: [" + source + "]")
                    + line("eventName: [{prefix: " + name.substring(0, Math.min(name.length(), 3 + variant % 5)) + "}]")
                    + line("userIdentity: {type: [{anything-but: [AWSService]}]}");
            case 2 -> line("eventName: [" + name + "]")
                    + line("userIdentity: {type: [{anything-but: [AWSService, Root]}]}")
                    + line("recipientAccountId: [{anything-but: [\"2100000000" + String.format("%02d", variant % 100) + "\"]}]");
            case 3 -> {
                int low = (variant * 997) % 64000;
                yield line("eventSource: [" + source + "]") + line("eventName: [" + name + "]")
                        + line("requestParameters: {fromPort: [{numeric: [\">=\", " + low + ", \"<\", " + (low + 1500) + "]}]}");
            }
            case 4 -> line("eventName: [" + name + "]") + line("sourceIPAddress: [{cidr: 198.51." + (variant % 256) + ".0/24}]");
            case 5 -> line("$or:") + line("  - eventName: [" + name + "]")
                    + line("  - {eventSource: [" + source + "], errorCode: [{exists: true}], readOnly: [false]}");
            default -> line("eventName: [{equals-ignore-case: " + name.toUpperCase(java.util.Locale.ROOT) + "}]")
                    + line("userIdentity: {arn: [{suffix: /user" + variant + "}]}");
        };
    }

    /** The same kinds with the call named exactly: kinds 1, 5 and 6 move their pattern to other fields. */
    private static String namedDetail(int kind, int variant, ApiCalls.Call call) {
        String name = call.eventName();
        String source = call.eventSource();
        return switch (kind) {
            case 1 -> line("eventSource: [" + source + "]") + line("eventName: [" + name + "]")
                    + line("userIdentity: {arn: [{prefix: \"arn:aws:sts::123456789012:assumed-role/Team" + variant % 20
                            + "\"}], type: [{anything-but: [AWSService]}]}");
            case 5 -> line("eventName: [" + name + "]") + line("$or:") + line("  - userIdentity: {type: [Root]}")
                    + line("  - {errorCode: [{exists: true}], readOnly: [false]}");
            case 6 -> line("eventName: [" + name + "]")
                    + line("eventSource: [{equals-ignore-case: " + source.toUpperCase(java.util.Locale.ROOT) + "}]")
                    + line("userIdentity: {arn: [{suffix: /user" + variant + "}]}");
            default -> detail(kind, variant, call);
        };
    }

    private static String line(String text) {
        return "        " + text + "\n";
    }
}
