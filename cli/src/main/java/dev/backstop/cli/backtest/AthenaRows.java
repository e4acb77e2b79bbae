package dev.backstop.cli.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.Row;

/**
 * Rebuilds a CloudTrail record from a row of {@link AthenaQuery}'s query: each column back to the
 * field it was read from (nested where the name is dotted), the request parameters and response
 * elements, which the table keeps as JSON text, back to JSON.
 */
final class AthenaRows {

    private static final List<String> JSON_TEXT = List.of("requestParameters", "responseElements");

    private final ObjectMapper json;
    private final Map<String, String> fields = new HashMap<>();

    AthenaRows(ObjectMapper json) {
        this.json = json;
        AthenaQuery.COLUMNS.forEach((column, field) -> fields.put(AthenaQuery.alias(column), field));
    }

    /** True for the first row Athena returns for a SELECT: the column names. */
    static boolean isHeader(List<String> columns, Row row) {
        return row.data().size() == columns.size()
                && java.util.stream.IntStream.range(0, columns.size())
                        .allMatch(i -> columns.get(i).equals(row.data().get(i).varCharValue()));
    }

    /** The record a row holds, as JSON; columns the query did not select are left out. */
    String record(List<String> columns, Row row) {
        ObjectNode record = json.createObjectNode();
        List<Datum> data = row.data();
        for (int i = 0; i < Math.min(columns.size(), data.size()); i++) {
            String field = fields.get(columns.get(i));
            String value = data.get(i).varCharValue();
            if (field != null && value != null) {
                put(record, field, value);
            }
        }
        return record.toString();
    }

    private void put(ObjectNode record, String field, String value) {
        String[] path = field.split("\\.");
        ObjectNode parent = record;
        for (int i = 0; i < path.length - 1; i++) {
            parent = parent.withObject(path[i]);
        }
        String name = path[path.length - 1];
        if (JSON_TEXT.contains(name)) {
            try {
                JsonNode tree = json.readTree(value);
                parent.set(name, tree);
                return;
            } catch (JsonProcessingException e) {
                // Kept as the text it is: the parser accepts any value here, as CloudTrail sends it.
            }
        }
        parent.put(name, value);
    }
}
