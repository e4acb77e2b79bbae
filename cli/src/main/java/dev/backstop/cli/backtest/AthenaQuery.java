package dev.backstop.cli.backtest;

import dev.backstop.rules.ExactPins;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The SQL that pushes a backtest down to Athena over a trail's table (the table the CloudTrail
 * console creates, or the one AWS documents): only the events a rule of the packs could match, by
 * the exact {@code source} and {@code eventName} values the rules pin, within the window, in time
 * order, with the columns a CloudTrail record is rebuilt from.
 */
final class AthenaQuery {

    /** The columns read, in order, each the record field it becomes (a dotted name is nested). */
    static final Map<String, String> COLUMNS = columns();

    private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_]{1,255}\\.[A-Za-z0-9_]{1,255}");
    private static final String SUFFIX = ".amazonaws.com";

    /** What a query selects: the SQL, and the rules that pin nothing and so let every event through. */
    record Query(String sql, List<String> unpinned) {
    }

    private AthenaQuery() {
    }

    /**
     * @param table {@code database.table}
     * @param pins every rule's pins, of every pack replayed
     */
    static Query of(String table, Map<String, ExactPins> pins, Window window) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("expected athena:DATABASE.TABLE (letters, digits and _), found \"" + table + "\"");
        }
        String[] names = table.split("\\.");
        List<String> unpinned = new ArrayList<>();
        Map<String, Set<String>> namesBySource = new TreeMap<>();
        Set<String> everyName = new TreeSet<>();
        Set<String> anySource = new TreeSet<>();
        for (Map.Entry<String, ExactPins> rule : new TreeMap<>(pins).entrySet()) {
            ExactPins pin = rule.getValue();
            if (pin.sources() == null && pin.names() == null) {
                unpinned.add(rule.getKey());
            } else if (pin.sources() == null) {
                anySource.addAll(pin.names());
            } else {
                // A source that is not AWS's never reaches CloudTrail: such a rule matches no record.
                pin.sources().stream().filter(source -> source.startsWith("aws.")).map(AthenaQuery::eventSource)
                        .forEach(source -> {
                            if (pin.names() == null) {
                                everyName.add(source);
                            } else {
                                namesBySource.computeIfAbsent(source, key -> new TreeSet<>()).addAll(pin.names());
                            }
                        });
            }
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        sql.append(COLUMNS.keySet().stream().map(column -> column + " AS " + alias(column)).collect(Collectors.joining(", ")));
        sql.append("\nFROM \"").append(names[0]).append("\".\"").append(names[1]).append("\"\nWHERE eventtime >= ")
                .append(literal(window.since().toString())).append(" AND eventtime < ").append(literal(window.until().toString()));
        if (unpinned.isEmpty()) {
            Set<String> sources = new TreeSet<>(namesBySource.keySet());
            sources.addAll(everyName);
            List<String> branches = new ArrayList<>();
            for (String source : sources) {
                branches.add(everyName.contains(source) ? "eventsource = " + literal(source)
                        : "(eventsource = " + literal(source) + " AND eventname IN (" + list(namesBySource.get(source)) + "))");
            }
            if (!anySource.isEmpty()) {
                branches.add("eventname IN (" + list(anySource) + ")");
            }
            sql.append("\n  AND (").append(branches.isEmpty() ? "FALSE" : String.join("\n    OR ", branches)).append(')');
        }
        sql.append("\nORDER BY eventtime, eventid");
        return new Query(sql.toString(), unpinned);
    }

    /** The name a column is read back by: {@code useridentity.sessioncontext.sessionissuer.arn} becomes {@code useridentity_sessioncontext_sessionissuer_arn}. */
    static String alias(String column) {
        return column.replace('.', '_');
    }

    /** EventBridge's {@code aws.cloudtrail} is CloudTrail's {@code cloudtrail.amazonaws.com}. */
    static String eventSource(String source) {
        return source.substring("aws.".length()) + SUFFIX;
    }

    /** A SQL string literal: quotes doubled, control characters refused (a pin never holds one). */
    static String literal(String value) {
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a rule pins a value with a control character: " + Printable.of(value));
        }
        return "'" + value.replace("'", "''") + "'";
    }

    private static String list(Collection<String> values) {
        return values.stream().map(AthenaQuery::literal).collect(Collectors.joining(", "));
    }

    private static Map<String, String> columns() {
        Map<String, String> columns = new java.util.LinkedHashMap<>();
        columns.put("eventversion", "eventVersion");
        for (String field : List.of("type", "principalId", "arn", "accountId", "accessKeyId", "userName", "invokedBy")) {
            columns.put("useridentity." + field.toLowerCase(java.util.Locale.ROOT), "userIdentity." + field);
        }
        for (String field : List.of("mfaAuthenticated", "creationDate")) {
            columns.put("useridentity.sessioncontext.attributes." + field.toLowerCase(java.util.Locale.ROOT),
                    "userIdentity.sessionContext.attributes." + field);
        }
        for (String field : List.of("type", "principalId", "arn", "accountId", "userName")) {
            columns.put("useridentity.sessioncontext.sessionissuer." + field.toLowerCase(java.util.Locale.ROOT),
                    "userIdentity.sessionContext.sessionIssuer." + field);
        }
        for (String field : List.of("eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress", "userAgent",
                "errorCode", "errorMessage", "requestParameters", "responseElements", "eventID", "eventType", "readOnly",
                "recipientAccountId")) {
            columns.put(field.toLowerCase(java.util.Locale.ROOT), field);
        }
        return java.util.Collections.unmodifiableMap(columns);
    }
}
