package dev.backstop.tests.hostile;

import static dev.backstop.tests.hostile.HostileCase.Kind.RULES;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Hostile team rule files: too large before anything is parsed, not UTF-8, YAML that would read
 * as something other than it looks, parameters and exemptions the actions would refuse at run
 * time, and patterns that would cost Event Ruler seconds and gigabytes to compile.
 */
final class RuleCorpus {

    private RuleCorpus() {
    }

    static void addTo(CorpusBuilder corpus) {
        sizes(corpus);
        encodings(corpus);
        yaml(corpus);
        numbers(corpus);
        parameters(corpus);
        exemptions(corpus);
        patterns(corpus);
        text(corpus);
    }

    /** A team file of one rule, with the given match, unless and actions blocks. */
    static String rule(String id, String match, String unless, String actions) {
        return "version: 1\nrules:\n  - id: " + id + "\n    description: A rule of the hostile corpus.\n    severity: high\n"
                + "    mode: notify\n    match: " + match + "\n" + (unless.isEmpty() ? "" : "    unless:\n" + unless)
                + "    actions: " + actions + "\n";
    }

    static String stopLogging(String unless) {
        return rule("team-trail-stopped", "{source: [aws.cloudtrail], detail: {eventName: [StopLogging]}}", unless,
                "[{action: cloudtrail.start-logging}]");
    }

    private static String ingress(String params) {
        return rule("team-world-ingress", "{source: [aws.ec2], detail: {eventName: [AuthorizeSecurityGroupIngress]}}", "",
                "\n      - action: ec2.revoke-world-ingress\n        params: " + params);
    }

    private static void sizes(CorpusBuilder corpus) {
        corpus.group("rule-size")
                .accepted(RULES, "one-valid-rule", stopLogging(""))
                .refused(RULES, "empty", "", "is empty")
                .refused(RULES, "comments-only", "# nothing here\n", "is empty")
                .refused(RULES, "document-marker-only", "---\n", "is empty")
                .refusedWritten(RULES, "one-byte-over-a-mebibyte", file -> Files.writeString(file,
                        stopLogging("") + "# " + "x".repeat((1 << 20) - stopLogging("").length() - 1)),
                        "(file)", "more than 1,048,576 bytes, larger than a rule file may be")
                .refusedWritten(RULES, "scalar-of-10-megabytes", file -> Files.writeString(file,
                        "version: 1\nrules: []\nx: " + "a".repeat(10_000_000) + "\n"), "larger than a rule file may be")
                .refusedWritten(RULES, "scalar-of-50-megabytes", file -> {
                    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                        out.write("version: 1\nrules:\n  - id: x\n    description: ");
                        for (int i = 0; i < 50; i++) {
                            out.write("d".repeat(1_000_000));
                        }
                        out.write("\n");
                    }
                }, "1,048,576")
                .refused(RULES, "line-of-4097-characters", stopLogging("").replace("A rule of the hostile corpus.",
                        "\"" + "d".repeat(4100) + "\""), ":4:", "4,096")
                .refused(RULES, "folded-scalar-of-5000-characters", stopLogging("").replace("A rule of the hostile corpus.",
                        ">\n" + ("      " + "d".repeat(99) + "\n").repeat(50)), "a value of 5,000 characters", "longer than the 4,096")
                .accepted(RULES, "three-hundred-rules", "version: 1\nrules:\n" + IntStream.range(0, 300).mapToObj(i ->
                        "  - id: team-rule-" + i + "\n    description: One of many.\n    severity: low\n    mode: notify\n"
                                + "    match: {source: [aws.cloudtrail], detail: {eventName: [Call" + i + "]}}\n"
                                + "    actions: [{action: cloudtrail.start-logging}]\n").collect(Collectors.joining()));
    }

    private static void encodings(CorpusBuilder corpus) {
        String glob = stopLogging("      principals: [\"arn:aws:iam::123456789012:role/Br\u00e4kGlass\"]\n");
        corpus.group("rule-encoding")
                .refused(RULES, "latin-1-byte-in-a-glob", glob.getBytes(StandardCharsets.ISO_8859_1), ":9:", "not UTF-8", "byte 0xE4")
                .accepted(RULES, "utf-8-umlaut-in-a-glob", glob)
                .refused(RULES, "utf-16-file", stopLogging("").getBytes(StandardCharsets.UTF_16), "not UTF-8")
                .refused(RULES, "nul-byte", stopLogging("").replace("notify", "not\u0000ify"), "(file)")
                .refused(RULES, "overlong-utf-8", EventCorpus.concat(stopLogging("").getBytes(StandardCharsets.UTF_8),
                        new byte[] {'#', (byte) 0xC0, (byte) 0xAF}), "not UTF-8", "byte 0xC0")
                .accepted(RULES, "utf-8-bom", "\uFEFF" + stopLogging(""))
                .accepted(RULES, "crlf-line-endings", stopLogging("").replace("\n", "\r\n"));
    }

    private static void yaml(CorpusBuilder corpus) {
        corpus.group("yaml-features")
                .refused(RULES, "alias-in-principals", stopLogging("      principals: [*bg]\n").replace(
                        "A rule of the hostile corpus.", "&bg \"arn:aws:iam::123456789012:role/BreakGlass\""),
                        "unless.principals[0]", "the alias *bg")
                .refused(RULES, "billion-laughs", "version: 1\nrules: []\n" + billionLaughs(), "the alias *")
                .refused(RULES, "merge-key", stopLogging("").replace("    severity: high\n", "    <<: *base\n")
                        .replace("A rule of the hostile corpus.", "&base A rule of the hostile corpus."), "the alias *base")
                .refused(RULES, "binary-tag", stopLogging("").replace("A rule of the hostile corpus.", "!!binary aGVsbG8="),
                        "description", "the tag !!binary")
                .refused(RULES, "python-object-tag", stopLogging("").replace("notify", "!!python/object:os.system notify"),
                        "the tag !!python/object:os.system")
                .refused(RULES, "cloudformation-tag", stopLogging("").replace("notify", "!Ref Mode"), "the tag !Ref")
                .accepted(RULES, "string-tag", stopLogging("").replace("mode: notify", "mode: !!str notify"))
                .refused(RULES, "second-document", stopLogging("") + "---\n" + stopLogging(""), "a second YAML document")
                .refused(RULES, "yaml-1-1-directive", "%YAML 1.1\n---\n" + stopLogging("") + "...\n---\n", "second YAML document")
                .refused(RULES, "complex-key", stopLogging("") + "? [a, b]\n: c\n", "(file)")
                .refused(RULES, "duplicate-key", stopLogging("").replace("    severity: high\n",
                        "    severity: high\n    severity: low\n"), "duplicate key \"severity\"")
                .refused(RULES, "tab-indentation", stopLogging("").replace("    severity", "\tseverity"), "TAB")
                .refused(RULES, "flow-nesting-of-1000", "version: 1\nrules: []\nx: " + "[".repeat(1000) + "]".repeat(1000) + "\n",
                        "nested more than 32 levels deep")
                .refused(RULES, "block-nesting-of-40", "version: 1\nrules: []\nx:\n" + IntStream.range(1, 40)
                        .mapToObj(i -> "  ".repeat(i) + "k:\n").collect(Collectors.joining()) + "  ".repeat(40) + "k: 1\n",
                        "nested more than 32 levels deep")
                .refused(RULES, "not-a-mapping", "- just\n- a list\n", "expected a mapping")
                .refused(RULES, "unclosed-quote", stopLogging("").replace("A rule of the hostile corpus.", "\"unclosed"),
                        "not valid YAML");
    }

    private static String billionLaughs() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            char previous = (char) (level - 1);
            yaml.append(level).append(": &").append(level).append(" [")
                    .append(IntStream.range(0, 9).mapToObj(i -> "*" + previous).collect(Collectors.joining(","))).append("]\n");
        }
        return yaml.toString();
    }

    private static void numbers(CorpusBuilder corpus) {
        corpus.group("yaml-numbers");
        Map<String, String> ports = Map.ofEntries(
                Map.entry("leading-zero", "0443"), Map.entry("hexadecimal", "0x1BB"), Map.entry("binary", "0b101"),
                Map.entry("underscores", "8_080"), Map.entry("plus-sign", "+22"), Map.entry("infinity", ".inf"),
                Map.entry("not-a-number", ".nan"), Map.entry("exponent", "1e3"), Map.entry("twenty-digits", "99999999999999999999"),
                Map.entry("fraction", "443.5"), Map.entry("negative", "-1"), Map.entry("above-65535", "65536"),
                Map.entry("quoted", "\"443\""), Map.entry("boolean", "true"), Map.entry("null", "null"),
                Map.entry("sexagesimal", "1:30"), Map.entry("octal-1-2", "0o17"));
        ports.forEach((name, port) -> corpus.refused(RULES, "port-" + name, ingress("{allowedPorts: [80, " + port + "]}"),
                "allowedPorts"));
        corpus.accepted(RULES, "port-plain", ingress("{allowedPorts: [80, 443]}"))
                .refused(RULES, "version-octal", stopLogging("").replace("version: 1", "version: 01"), "version", "leading zero")
                .refused(RULES, "version-float", stopLogging("").replace("version: 1", "version: 1.0"), "version");
    }

    private static void parameters(CorpusBuilder corpus) {
        corpus.group("rule-parameters")
                .refused(RULES, "cidr-prefix-33", accessKey("[\"203.0.113.0/33\"]", "used"), "expectedNetworks[0]", "CIDR")
                .refused(RULES, "cidr-octet-300", accessKey("[\"10.0.0.300/8\"]", "used"), "expectedNetworks[0]")
                .refused(RULES, "cidr-a-word", accessKey("[office]", "used"), "expectedNetworks[0]")
                .refused(RULES, "cidr-ipv6-prefix-129", accessKey("[\"2001:db8::/129\"]", "used"), "expectedNetworks[0]")
                .refused(RULES, "cidr-host-name", accessKey("[\"example.com/24\"]", "used"), "expectedNetworks[0]")
                .accepted(RULES, "cidr-valid", accessKey("[\"203.0.113.0/24\", \"2001:db8::/32\"]", "used"))
                .refused(RULES, "key-unknown-word", accessKey("[]", "newest"), "key", "is not one of used, created")
                .refused(RULES, "key-with-control-characters", accessKey("[]", "\"used\\r\\n\""), "key", "used\\r\\n")
                .refused(RULES, "principal-unknown-word", iam("iam.quarantine-principal", "{principal: everyone}"), "principal")
                .refused(RULES, "policy-name-with-spaces", iam("iam.quarantine-principal", "{policyName: \"no spaces\"}"), "policyName")
                .refused(RULES, "policy-name-of-200-characters", iam("iam.quarantine-principal", "{policyName: " + "p".repeat(200) + "}"),
                        "policyName")
                .refused(RULES, "role-unknown-word", iam("iam.revoke-role-sessions", "{role: mine}"), "role")
                .refused(RULES, "user-unknown-word", iam("iam.disable-console-access", "{user: mine}"), "user")
                .refused(RULES, "group-name-reserved-prefix", alarm("ec2.isolate-instance", "{quarantineGroupName: sg-123}"),
                        "quarantineGroupName")
                .refused(RULES, "alias-all-digits", alarm("lambda.rollback-alias", "{alias: \"12345\"}"), "alias")
                .refused(RULES, "tag-filter-without-key", ingress("{allowedPorts: [443], allowedPortsTag: \"=public\"}"),
                        "allowedPortsTag")
                .refused(RULES, "baseline-policy-of-30-kilobytes", rule("team-policy-deleted",
                        "{source: [aws.s3], detail: {eventName: [DeleteBucketPolicy]}}", "",
                        "\n      - action: s3.restore-bucket-policy\n        params:\n          baselinePolicy:\n"
                                + "            Version: \"2012-10-17\"\n            Statement:\n"
                                + ("              - {Effect: Deny, Principal: \"*\", Action: \"s3:*\", Resource: \""
                                        + "r".repeat(200) + "\"}\n").repeat(150)), "baselinePolicy", "20,480")
                .refused(RULES, "unknown-action", stopLogging("").replace("cloudtrail.start-logging", "cloudtrail.stop-logging"),
                        "no action \"cloudtrail.stop-logging\"")
                .refused(RULES, "unknown-action-of-10-kilobytes", stopLogging("").replace("cloudtrail.start-logging",
                        "x".repeat(4000)), "(4,000 characters)");
    }

    private static String accessKey(String networks, String key) {
        return rule("team-key-used", "{source: [aws.iam], detail: {eventName: [CreateAccessKey]}}", "",
                "\n      - action: iam.deactivate-access-key\n        params: {key: " + key + ", expectedNetworks: " + networks + "}");
    }

    private static String iam(String action, String params) {
        return rule("team-iam", "{source: [aws.iam], detail: {eventName: [AttachUserPolicy]}}", "",
                "\n      - action: " + action + "\n        params: " + params);
    }

    private static String alarm(String action, String params) {
        return rule("team-alarm", "{source: [aws.cloudwatch], detail-type: [CloudWatch Alarm State Change]}", "",
                "\n      - action: " + action + "\n        params: " + params);
    }

    private static void exemptions(CorpusBuilder corpus) {
        Map<String, String> expiries = Map.of("year-9999", "9999-12-31T23:59:59Z", "instant-max", "+1000000000-12-31T23:59:59Z",
                "epoch-millis-15-digits", "999999999999999", "two-years", LocalDate.now(ZoneOffset.UTC).plusYears(2) + "T00:00:00Z",
                "arabic-digits", "\u0662\u0660\u0662\u0667-01-01T00:00:00Z", "past", "2020-01-01T00:00:00Z",
                "words", "end of the quarter");
        corpus.group("rule-exemptions");
        expiries.forEach((name, expires) -> corpus.refused(RULES, "expires-" + name, stopLogging(
                "      exemptions:\n        - principal: \"arn:aws:iam::123456789012:role/Migration\"\n"
                        + "          owner: platform\n          reason: migration\n          expires: \"" + expires + "\"\n"),
                "unless.exemptions[0].expires"));
        corpus.accepted(RULES, "expires-next-month", stopLogging(
                        "      exemptions:\n        - principal: \"arn:aws:iam::123456789012:role/Migration\"\n"
                                + "          owner: platform\n          reason: migration\n          expires: \""
                                + LocalDate.now(ZoneOffset.UTC).plusDays(30) + "T00:00:00Z\"\n"))
                .refused(RULES, "principal-of-five-parts", stopLogging("      principals: [\"arn:aws:iam::*\"]\n"),
                        "unless.principals[0]", "six parts")
                .accepted(RULES, "principal-bare-star", stopLogging("      principals: [\"*\"]\n"))
                .refused(RULES, "resource-of-four-parts", stopLogging(
                        "      exemptions:\n        - resource: \"arn:aws:s3:::\"\n          owner: o\n          reason: r\n"
                                + "          expires: \"2027-01-01T00:00:00Z\"\n").replace("arn:aws:s3:::", "arn:aws:s3"),
                        "unless.exemptions[0].resource", "six parts")
                .refused(RULES, "account-fullwidth-digits", stopLogging("      accounts: [\"\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10\uff11\uff12\"]\n"),
                        "unless.accounts[0]", "12-digit")
                .refused(RULES, "account-unquoted-octal", stopLogging("      accounts: [012345670123]\n"),
                        "unless.accounts[0]", "leading zero", "octal")
                // Not an octal number to YAML (it holds an 8 and a 9), so it reads as the text it looks like.
                .accepted(RULES, "account-unquoted-with-leading-zero", stopLogging("      accounts: [012345678901]\n"));
    }

    private static void patterns(CorpusBuilder corpus) {
        corpus.group("rule-patterns")
                .refused(RULES, "a-thousand-wildcards-on-one-line", rule("team-wild", "{source: [aws.cloudtrail], detail: {userAgent: ["
                        + IntStream.range(0, 1000).mapToObj(i -> "{wildcard: \"*a" + i + "*\"}").collect(Collectors.joining(", "))
                        + "]}}", "", "[{action: cloudtrail.start-logging}]"), ":7:", "more than the 4,096")
                .refused(RULES, "a-thousand-wildcards", rule("team-wild", "\n      source: [aws.cloudtrail]\n      detail:\n"
                        + "        userAgent:\n" + IntStream.range(0, 1000).mapToObj(i -> "          - {wildcard: \"*a" + i + "*\"}\n")
                        .collect(Collectors.joining()).stripTrailing(), "", "[{action: cloudtrail.start-logging}]"), "match",
                        "pattern too")
                .refused(RULES, "eight-wildcards-of-five-stars", rule("team-wild", "{source: [aws.cloudtrail], detail: {userAgent: ["
                        + IntStream.range(0, 8).mapToObj(i -> "{wildcard: \"*ab*ba*aa*bb*" + i + "*\"}").collect(Collectors.joining(", "))
                        + "]}}", "", "[{action: cloudtrail.start-logging}]"), "match", "stars")
                .refused(RULES, "nine-wildcards-in-a-field", rule("team-wild", "{source: [aws.cloudtrail], detail: {userAgent: ["
                        + IntStream.range(0, 9).mapToObj(i -> "{wildcard: \"*a" + i + "*\"}").collect(Collectors.joining(", "))
                        + "]}}", "", "[{action: cloudtrail.start-logging}]"), "match", "more than 8 wildcard values")
                .refused(RULES, "or-branches-2-to-the-20", rule("team-or", "{source: [aws.cloudtrail], detail: {"
                        + IntStream.range(0, 20).mapToObj(i -> "k" + i + ": {$or: [{x: [\"1\"]}, {y: [\"2\"]}]}")
                                .collect(Collectors.joining(", ")) + "}}", "", "[{action: cloudtrail.start-logging}]"),
                        "match", "unfold into more than 64")
                .accepted(RULES, "or-branches-2-to-the-6", rule("team-or", "{source: [aws.cloudtrail], detail: {"
                        + IntStream.range(0, 6).mapToObj(i -> "k" + i + ": {$or: [{x: [\"1\"]}, {y: [\"2\"]}]}")
                                .collect(Collectors.joining(", ")) + "}}", "", "[{action: cloudtrail.start-logging}]"))
                .refused(RULES, "257-values", rule("team-values", "{source: [aws.cloudtrail], detail: {eventName: ["
                        + IntStream.range(0, 257).mapToObj(i -> "C" + i).collect(Collectors.joining(", ")) + "]}}", "",
                        "[{action: cloudtrail.start-logging}]"), "match", "257 values")
                .refused(RULES, "pattern-of-5000-characters", rule("team-large", "\n      source: [aws.cloudtrail]\n"
                        + "      detail:\n        eventName:\n" + IntStream.range(0, 200).mapToObj(i -> "          - ACallNamedAtSomeLength" + i + "\n")
                        .collect(Collectors.joining()).stripTrailing(), "", "[{action: cloudtrail.start-logging}]"),
                        "match", "4,096 EventBridge allows")
                .refused(RULES, "empty-pattern", rule("team-empty", "{}", "", "[{action: cloudtrail.start-logging}]"),
                        "an empty pattern matches every event")
                .refused(RULES, "fifty-star-wildcard", rule("team-wild", "{detail: {userAgent: [{wildcard: \"*" + "a*".repeat(50)
                        + "\"}]}}", "", "[{action: cloudtrail.start-logging}]"), "51 stars")
                .refused(RULES, "consecutive-stars", rule("team-wild", "{detail: {userAgent: [{wildcard: \"a**b\"}]}}", "",
                        "[{action: cloudtrail.start-logging}]"), "Consecutive wildcard")
                .accepted(RULES, "dotted-key-pattern", rule("team-dotted", "{source: [aws.cloudtrail], \"detail.eventName\": [StopLogging]}",
                        "", "[{action: cloudtrail.start-logging}]"))
                .accepted(RULES, "wildcards-at-the-limits", rule("team-wild", "{source: [aws.cloudtrail], detail: {userAgent: ["
                        + IntStream.range(0, 4).mapToObj(i -> "{wildcard: \"*ab*ba*a" + i + "*b\"}").collect(Collectors.joining(", "))
                        + "]}}", "", "[{action: cloudtrail.start-logging}]"));
    }

    private static void text(CorpusBuilder corpus) {
        corpus.group("rule-text")
                .refused(RULES, "rule-id-with-crlf", stopLogging("").replace("id: team-trail-stopped", "id: \"evil\\r\\nforged\""),
                        "use letters, digits")
                .refused(RULES, "mode-with-ansi-escape", stopLogging("").replace("mode: notify", "mode: \"\\e[2Jnotify\""),
                        "unknown mode \"\\u001B[2Jnotify\"")
                .accepted(RULES, "description-with-ansi-escape", stopLogging("").replace("A rule of the hostile corpus.",
                        "\"\\e[2J\\e[H cleared\""))
                .refused(RULES, "unknown-field-of-3000-characters", stopLogging("").replace("    severity: high\n",
                        "    severity: high\n    " + "f".repeat(3000) + ": 1\n"), "not valid YAML")
                .refused(RULES, "unknown-field-of-1000-characters", stopLogging("").replace("    severity: high\n",
                        "    severity: high\n    " + "f".repeat(1000) + ": 1\n"), "unknown field", "(1,000 characters)");
    }
}
