package dev.backstop.tests.hostile;

import static dev.backstop.tests.hostile.HostileCase.Kind.EVENT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.testing.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hostile CloudTrail events, one EventBridge event a file: bytes that are no UTF-8 JSON, JSON
 * that breaks a limit, fields of the wrong type, keys that would stand in for other fields,
 * timestamps out of range, text that would forge a table row.
 */
final class EventCorpus {

    static final String SAMPLE = "cloudtrail/stop-logging.json";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventCorpus() {
    }

    static void addTo(CorpusBuilder corpus) {
        encodings(corpus);
        syntax(corpus);
        nesting(corpus);
        sizes(corpus);
        types(corpus);
        dottedKeys(corpus);
        timestamps(corpus);
        terminalText(corpus);
        numbers(corpus);
    }

    static ObjectNode sample() {
        return SampleEvents.read(SAMPLE);
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a sample is no JSON object", e);
        }
    }

    static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] edited(Consumer<ObjectNode> edit) {
        ObjectNode event = sample();
        edit.accept(event);
        return bytes(event);
    }

    static ObjectNode detail(ObjectNode event) {
        return (ObjectNode) event.get("detail");
    }

    static ObjectNode identity(ObjectNode event) {
        return (ObjectNode) detail(event).get("userIdentity");
    }

    private static void encodings(CorpusBuilder corpus) {
        byte[] good = bytes(sample());
        String text = sample().toString();
        corpus.group("event-encoding")
                .refused(EVENT, "empty", new byte[0], "is empty")
                .refused(EVENT, "whitespace-only", "  \n\t  ", "is empty")
                .refused(EVENT, "nul-bytes-only", new byte[64], "control character U+0000 between values")
                .refused(EVENT, "nul-byte-before-document", concat(new byte[] {0}, good), "control character U+0000")
                .refused(EVENT, "nul-byte-inside-a-string", text.replace("StopLogging", "Stop\u0000Logging"), "U+0000")
                .refused(EVENT, "utf-16-with-bom", concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE)),
                        "not UTF-8", "byte 0xFE")
                .refused(EVENT, "utf-16-without-bom", text.getBytes(StandardCharsets.UTF_16LE), "control character U+0000")
                .refused(EVENT, "utf-32", text.getBytes(java.nio.charset.Charset.forName("UTF-32")), "U+0000")
                .refused(EVENT, "latin-1-byte-in-a-value", text.replace("mallory", "mall\u00f6ry").getBytes(StandardCharsets.ISO_8859_1),
                        "not UTF-8", "byte 0xF6")
                .refused(EVENT, "overlong-utf-8-slash", replace(good, "mallory", new byte[] {'m', (byte) 0xC0, (byte) 0xAF}),
                        "not UTF-8", "byte 0xC0")
                .refused(EVENT, "utf-8-encoded-surrogate", replace(good, "mallory", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                        "not UTF-8")
                .refused(EVENT, "truncated-multibyte-at-end", concat(good, new byte[] {(byte) 0xE2, (byte) 0x82}), "not UTF-8")
                .refused(EVENT, "lone-continuation-byte", concat(new byte[] {(byte) 0x80}, good), "not UTF-8", "line 1")
                .accepted(EVENT, "utf-8-bom-then-event", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, good))
                .accepted(EVENT, "crlf-line-endings", sample().toPrettyString().replace("\n", "\r\n"))
                .accepted(EVENT, "non-ascii-user-agent", text.replace("aws-cli/2.17.40", "aws-cli/2.17.40 \u65e5\u672c\u8a9e \ud83d\ude00"));
    }

    private static void syntax(CorpusBuilder corpus) {
        String text = sample().toString();
        corpus.group("json-syntax");
        for (int cut : new int[] {1, 2, 17, 100, 400, 800, 1200, text.length() - 2, text.length() - 1}) {
            corpus.refused(EVENT, "truncated-at-" + cut, text.substring(0, Math.min(cut, text.length() - 1)), "not valid JSON");
        }
        corpus.refused(EVENT, "second-document", text + "\n" + text, "more data after the JSON document")
                .refused(EVENT, "trailing-garbage", text + " trailing", "more data after the JSON document")
                .refused(EVENT, "trailing-brace", text + "}", "more data after the JSON document")
                .refused(EVENT, "trailing-comma-in-object", text.replace("\"version\":\"0\",", "\"version\":\"0\",,"), "not valid JSON")
                .refused(EVENT, "duplicate-key-at-the-top", text.replace("\"version\":\"0\",", "\"version\":\"0\",\"source\":\"aws.s3\","),
                        "the key \"source\" appears twice")
                .refused(EVENT, "duplicate-event-name", text.replace("\"eventName\":\"StopLogging\"",
                        "\"eventName\":\"StopLogging\",\"eventName\":\"DescribeTrails\""), "the key \"eventName\" appears twice")
                .refused(EVENT, "nan", text.replace("\"readOnly\":false", "\"readOnly\":NaN"), "NaN")
                .refused(EVENT, "infinity", text.replace("\"readOnly\":false", "\"readOnly\":-Infinity"), "not valid JSON")
                .refused(EVENT, "single-quotes", text.replace("\"version\":\"0\"", "'version':'0'"), "not valid JSON")
                .refused(EVENT, "comment", "/* hi */" + text, "not valid JSON")
                .refused(EVENT, "unquoted-key", text.replace("\"version\":", "version:"), "not valid JSON")
                .refused(EVENT, "leading-zero-number", text.replace("\"readOnly\":false", "\"readOnly\":0123"), "leading zero")
                .refused(EVENT, "control-character-in-string", text.replace("mallory", "mal\u0007lory"), "U+0007")
                .refused(EVENT, "bad-escape", text.replace("mallory", "mal\\xlory"), "is not a JSON escape")
                .refused(EVENT, "array-at-the-top", "[" + text + "]", "is present but a list; expected an object")
                .refused(EVENT, "string-at-the-top", "\"StopLogging\"", "expected an object")
                .refused(EVENT, "null-at-the-top", "null", "expected an object")
                .refused(EVENT, "number-at-the-top", "42", "expected an object")
                .accepted(EVENT, "escaped-lone-surrogate", text.replace("mallory", "mal\\ud800lory"))
                .accepted(EVENT, "unicode-escapes-everywhere", text.replace("\"StopLogging\"", "\"\\u0053topLogging\""));
    }

    private static void nesting(CorpusBuilder corpus) {
        corpus.group("json-nesting");
        for (int depth : new int[] {60, 61, 62, 63, 64, 100, 1_000, 100_000}) {
            // The envelope, detail and requestParameters hold two levels of their own; the rest nests below.
            String nested = "[".repeat(depth) + "]".repeat(depth);
            byte[] event = edited(e -> detail(e).set("requestParameters", NODES.objectNode().putRawValue("x",
                    new com.fasterxml.jackson.databind.util.RawValue(nested))));
            int total = depth + 3;
            if (total <= 64) {
                corpus.accepted(EVENT, "arrays-" + depth + "-deep", event);
            } else {
                corpus.refused(EVENT, "arrays-" + depth + "-deep", event, "nested more than 64 levels deep");
            }
        }
        for (int depth : new int[] {61, 62, 200}) {
            StringBuilder objects = new StringBuilder();
            objects.append("{\"a\":".repeat(depth)).append("1").append("}".repeat(depth));
            byte[] event = edited(e -> detail(e).set("responseElements", NODES.objectNode().putRawValue("x",
                    new com.fasterxml.jackson.databind.util.RawValue(objects.toString()))));
            if (depth + 3 <= 64) {
                corpus.accepted(EVENT, "objects-" + depth + "-deep", event);
            } else {
                corpus.refused(EVENT, "objects-" + depth + "-deep", event, "nested more than 64 levels deep");
            }
        }
        corpus.refused(EVENT, "deep-user-identity", edited(e -> identity(e).putRawValue("sessionContext",
                new com.fasterxml.jackson.databind.util.RawValue("{\"a\":".repeat(70) + "1" + "}".repeat(70)))),
                "nested more than 64 levels deep");
    }

    private static void sizes(CorpusBuilder corpus) {
        corpus.group("event-size")
                .accepted(EVENT, "caller-arn-of-2048-characters", edited(e -> identity(e).put("arn",
                        "arn:aws:iam::123456789012:user/" + "p".repeat(2048 - 31))))
                .refused(EVENT, "caller-arn-of-2049-characters", edited(e -> identity(e).put("arn",
                        "arn:aws:iam::123456789012:user/" + "p".repeat(2049 - 31))),
                        "detail.userIdentity.arn", "2,049 characters", "2,048")
                .refused(EVENT, "caller-arn-of-247-kilobytes", edited(e -> identity(e).put("arn",
                        "arn:aws:sts::123456789012:assumed-role/" + "a:".repeat(123_000) + "/x")),
                        "detail.userIdentity.arn", "2,048")
                .refused(EVENT, "issuer-arn-of-100-kilobytes", edited(e -> ((ObjectNode) identity(e).at("/sessionContext/sessionIssuer"))
                        .put("arn", "arn:aws:iam::123456789012:role/" + "r*".repeat(50_000))), "sessionIssuer.arn", "2,048")
                .refused(EVENT, "event-name-of-10-kilobytes", edited(e -> detail(e).put("eventName", "S".repeat(10_000))),
                        "detail.eventName", "8,192")
                .refused(EVENT, "user-agent-of-500-kilobytes", edited(e -> detail(e).put("userAgent", "u".repeat(500_000))),
                        "detail.userAgent", "8,192")
                .refused(EVENT, "key-of-2000-characters", edited(e -> detail(e).putObject("requestParameters")
                        .put("k".repeat(2000), 1)), "a key longer than 1,024 characters")
                .refused(EVENT, "number-of-200-digits", edited(e -> detail(e).putObject("requestParameters")
                        .put("n", new java.math.BigInteger("9".repeat(200)))), "a number of more than 100 digits")
                .accepted(EVENT, "request-parameter-of-900-kilobytes", edited(e -> detail(e).putObject("requestParameters")
                        .put("name", "arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events").put("pad", "p".repeat(900_000))))
                .accepted(EVENT, "fifty-thousand-small-keys", edited(e -> {
                    ObjectNode many = detail(e).putObject("responseElements");
                    for (int i = 0; i < 50_000; i++) {
                        many.put("k" + i, i);
                    }
                }))
                .refused(EVENT, "one-byte-over-a-mebibyte", padTo((1 << 20) + 1), "more than 1,048,576 bytes")
                .accepted(EVENT, "exactly-a-mebibyte", padTo(1 << 20))
                .refusedWritten(EVENT, "million-object-array-of-24-megabytes", file -> {
                    try (var out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file), 1 << 16)) {
                        String text = sample().toString();
                        int at = text.indexOf("\"requestParameters\":") + "\"requestParameters\":".length();
                        out.write(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
                        out.write("{\"items\":[".getBytes(StandardCharsets.UTF_8));
                        byte[] item = "{\"cidrIp\":\"0.0.0.0/0\"},".getBytes(StandardCharsets.UTF_8);
                        for (int i = 0; i < 1_000_000; i++) {
                            out.write(item);
                        }
                        out.write("{}]}".getBytes(StandardCharsets.UTF_8));
                        int end = text.indexOf(",\"responseElements\"");
                        out.write(text.substring(end).getBytes(StandardCharsets.UTF_8));
                    }
                }, "more than 1,048,576 bytes");
    }

    /** The sample with a padding value that brings the whole event to exactly this many bytes. */
    static byte[] padTo(int size) {
        ObjectNode event = sample();
        detail(event).putObject("additionalEventData").put("pad", "");
        int base = bytes(event).length;
        detail(event).withObject("additionalEventData").put("pad", "p".repeat(size - base));
        return bytes(event);
    }

    private static void types(CorpusBuilder corpus) {
        corpus.group("event-field-types");
        Map<String, String> envelope = Map.of("id", "id", "detail-type", "detail-type", "source", "source", "account", "account",
                "time", "time");
        Map<String, String> record = Map.of("eventID", "detail.eventID", "eventName", "detail.eventName",
                "eventSource", "detail.eventSource", "eventTime", "detail.eventTime");
        List<Map.Entry<String, JsonNode>> kinds = List.of(
                Map.entry("a-number", NODES.numberNode(42)),
                Map.entry("true", NODES.booleanNode(true)),
                Map.entry("null", NODES.nullNode()),
                Map.entry("a-list", NODES.arrayNode().add("StopLogging")),
                Map.entry("an-object", NODES.objectNode().put("value", "StopLogging")),
                Map.entry("empty", NODES.textNode("")));
        for (Map.Entry<String, String> field : envelope.entrySet()) {
            for (Map.Entry<String, JsonNode> kind : kinds) {
                if (field.getKey().equals("account") && kind.getKey().equals("a-number")) {
                    // An account id written as a number lost its leading zeros; read back as 12 digits, it names
                    // another account than the record's recipient, and the delivery is refused as re-wrapped.
                    corpus.refused(EVENT, "account-a-number", edited(e -> e.put("account", 42)),
                            "account: the envelope says account 000000000042 but detail.recipientAccountId says");
                    continue;
                }
                corpus.refused(EVENT, field.getKey() + "-" + kind.getKey(), edited(e -> e.set(field.getKey(), kind.getValue())),
                        field.getValue() + ":");
            }
            corpus.refused(EVENT, field.getKey() + "-missing", edited(e -> e.remove(field.getKey())), field.getValue() + ": is missing");
        }
        for (Map.Entry<String, String> field : record.entrySet()) {
            for (Map.Entry<String, JsonNode> kind : kinds) {
                corpus.refused(EVENT, field.getKey() + "-" + kind.getKey(),
                        edited(e -> detail(e).set(field.getKey(), kind.getValue())), field.getValue() + ":");
            }
            corpus.refused(EVENT, field.getKey() + "-missing", edited(e -> detail(e).remove(field.getKey())),
                    field.getValue() + ": is missing");
        }
        corpus.refused(EVENT, "detail-a-string", edited(e -> e.put("detail", "StopLogging")), "detail: is present but a string")
                .refused(EVENT, "detail-null", edited(e -> e.putNull("detail")), "detail: is null")
                .refused(EVENT, "user-identity-a-list", edited(e -> detail(e).putArray("userIdentity")), "detail.userIdentity:")
                .refused(EVENT, "caller-arn-an-object", edited(e -> identity(e).putObject("arn")), "detail.userIdentity.arn:")
                .refused(EVENT, "read-only-maybe", edited(e -> detail(e).put("readOnly", "maybe")), "detail.readOnly", "maybe")
                .refused(EVENT, "recipient-account-20-digits", edited(e -> detail(e).put("recipientAccountId",
                        new java.math.BigInteger("12345678901234567890"))), "detail.recipientAccountId", "12345678901234567890")
                .refused(EVENT, "recipient-account-negative", edited(e -> detail(e).put("recipientAccountId", -1)),
                        "detail.recipientAccountId")
                .refused(EVENT, "recipient-account-fraction", edited(e -> detail(e).put("recipientAccountId", 1.5)),
                        "detail.recipientAccountId")
                .refused(EVENT, "account-fullwidth-digits", edited(e -> e.put("account", "\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10\uff11\uff12")),
                        "account: expected a 12-digit account id")
                .refused(EVENT, "account-arabic-digits", edited(e -> e.put("account", "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660\u0661\u0662")),
                        "account: expected a 12-digit account id")
                .accepted(EVENT, "account-as-a-number", edited(e -> e.put("account", 123456789012L)))
                .accepted(EVENT, "recipient-account-as-a-number-with-lost-zero", edited(e -> {
                    e.put("account", "012345678901");
                    detail(e).put("recipientAccountId", 12345678901L);
                }))
                .accepted(EVENT, "request-parameters-null", edited(e -> detail(e).putNull("requestParameters")))
                .accepted(EVENT, "unknown-new-fields", edited(e -> detail(e).putObject("someFieldOf2030").put("x", 1)));
    }

    private static void dottedKeys(CorpusBuilder corpus) {
        corpus.group("dotted-keys")
                .refused(EVENT, "envelope-key-stands-for-event-name", edited(e -> {
                    detail(e).put("eventName", "DescribeTrails");
                    e.put("detail.eventName", "StopLogging");
                }), "\"detail.eventName\"")
                .refused(EVENT, "detail-key-stands-for-policy-arn", SampleEvents.edited("iam/attach-role-policy-admin.json", e -> {
                    ((ObjectNode) detail(e).get("requestParameters")).put("policyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess");
                    detail(e).put("requestParameters.policyArn", "arn:aws:iam::aws:policy/AdministratorAccess");
                }), "\"requestParameters.policyArn\"")
                .refused(EVENT, "identity-key-stands-for-issuer", edited(e -> identity(e).put("sessionContext.sessionIssuer.arn",
                        "arn:aws:iam::123456789012:role/BreakGlass")), "\"sessionContext.sessionIssuer.arn\"")
                .refused(EVENT, "envelope-key-stands-for-source", edited(e -> e.put("source.x", "aws.cloudtrail")), "\"source.x\"")
                .accepted(EVENT, "tag-key-with-dots-in-request-parameters", edited(e -> {
                    detail(e).put("eventName", "AddTags");
                    detail(e).putObject("requestParameters").putArray("tagsList").addObject()
                            .put("key", "eventName").put("value", "StopLogging");
                    detail(e).withObject("requestParameters").putObject("tags").put("detail.eventName", "StopLogging");
                }), "cloudtrail-logging-stopped");
    }

    private static void timestamps(CorpusBuilder corpus) {
        corpus.group("event-timestamps");
        Map<String, String> refused = Map.ofEntries(
                Map.entry("instant-min", "-1000000000-01-01T00:00:00Z"),
                Map.entry("instant-max", "+1000000000-12-31T23:59:59.999999999Z"),
                Map.entry("year-zero", "0000-01-01T00:00:00Z"),
                Map.entry("before-the-epoch", "1969-12-31T23:59:59Z"),
                Map.entry("year-ten-thousand", "+10000-01-01T00:00:00Z"),
                Map.entry("epoch-millis-of-15-digits", "999999999999999"),
                Map.entry("arabic-digits-epoch", "\u0661\u0667\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660"),
                Map.entry("month-13", "2026-13-01T00:00:00Z"),
                Map.entry("words", "yesterday"),
                Map.entry("negative-epoch", "-5"));
        refused.forEach((name, time) -> corpus.refused(EVENT, "time-" + name, edited(e -> e.put("time", time)),
                "time: not a timestamp"));
        refused.forEach((name, time) -> corpus.refused(EVENT, "event-time-" + name, edited(e -> detail(e).put("eventTime", time)),
                "detail.eventTime: not a timestamp"));
        corpus.accepted(EVENT, "time-leap-second", edited(e -> e.put("time", "2026-06-30T23:59:60Z")))
                .accepted(EVENT, "time-epoch-millis", edited(e -> e.put("time", "1795166047000")))
                .accepted(EVENT, "time-offset-without-colon", edited(e -> e.put("time", "2026-11-20T09:14:07.000+0000")))
                .accepted(EVENT, "time-rfc-1123", edited(e -> e.put("time", "Fri, 20 Nov 2026 09:14:07 GMT")));
    }

    private static void terminalText(CorpusBuilder corpus) {
        corpus.group("terminal-text")
                .accepted(EVENT, "crlf-in-user-agent-forging-a-row", edited(e -> detail(e).put("userAgent",
                        "cli\r\n  cloudtrail-logging-stopped  enforce  none (exempted)  forged")), "\r\n  cloudtrail")
                // An event id not of CloudTrail's shape is refused; the refusal shows it escaped.
                .refused(EVENT, "ansi-clear-screen-in-event-id", edited(e -> detail(e).put("eventID", "\u001b[2J\u001b[Hevil")),
                        "detail.eventID: expected CloudTrail's event id", "\\u001B[2J\\u001B[Hevil")
                .refused(EVENT, "bidi-override-in-event-id", edited(e -> detail(e).put("eventID", "abc\u202Efdp.exe")),
                        "detail.eventID: expected CloudTrail's event id", "abc\\u202Efdp.exe")
                .accepted(EVENT, "crlf-in-event-name", edited(e -> detail(e).put("eventName", "StopLogging\r\nforged row")),
                        "\r\nforged", "cloudtrail-logging-stopped")
                .accepted(EVENT, "zero-width-in-event-name", edited(e -> detail(e).put("eventName", "Stop\u200bLogging")), "\u200b");
    }

    private static void numbers(CorpusBuilder corpus) {
        corpus.group("event-numbers");
        String ingress = "ec2/authorize-ingress-legacy-flat.json";
        Map<String, String> ports = Map.of("arabic-digits", "\u0664\u0664\u0663", "hexadecimal", "0x1BB", "fraction", "443.5",
                "exponent", "1e3", "above-65535", "65536", "words", "https", "fullwidth", "\uff14\uff14\uff13");
        // Only the EC2 action reads the ports: the rule matches, and the action refuses the event when it runs.
        ports.forEach((name, port) -> corpus.accepted(EVENT, "port-" + name, SampleEvents.edited(ingress, e -> {
            ObjectNode parameters = (ObjectNode) detail(e).get("requestParameters");
            parameters.put("fromPort", port);
            parameters.put("toPort", port);
        })));
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] replace(byte[] content, String find, byte[] with) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(find);
        byte[] head = java.util.Arrays.copyOf(content, at);
        byte[] tail = java.util.Arrays.copyOfRange(content, at + find.length(), content.length);
        return concat(concat(head, with), tail);
    }
}
