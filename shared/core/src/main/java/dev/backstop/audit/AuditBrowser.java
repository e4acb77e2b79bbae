package dev.backstop.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.audit.ChainIndex.ItemFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads audit records for people: the decisions of every chain that pass a filter, and one record
 * whole. Principal, rule and resource are filtered by DynamoDB; the time range here, since the
 * recorded times are text that does not sort as time in every case. Each listing reads every
 * chain through the chain index.
 *
 * <pre>{@code
 * browser.list(new AuditFilter(since, null, null, null, "cloudtrail-logging-stopped"));
 * }</pre>
 */
public final class AuditBrowser {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final AuditItems items;

    public AuditBrowser(DynamoDbClient dynamoDb, String table, ObjectMapper mapper) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.items = new AuditItems(mapper);
    }

    /** The chained records that pass the filter, oldest decision first. */
    public List<AuditEntry> list(AuditFilter filter) {
        ItemFilter itemFilter = itemFilter(filter);
        List<AuditEntry> entries = new ArrayList<>();
        for (String chain : ChainIndex.chains(dynamoDb, table)) {
            for (Map<String, AttributeValue> item : ChainIndex.records(dynamoDb, table, chain, itemFilter)) {
                AuditEntry entry = entry(item);
                if (filter.admits(entry.record().decidedAt())) {
                    entries.add(entry);
                }
            }
        }
        entries.sort(Comparator.comparing((AuditEntry entry) -> entry.record().decidedAt())
                .thenComparing(entry -> entry.record().auditId()));
        return entries;
    }

    /** The item stored under the audit id, every attribute as it is in the table. */
    public Optional<Map<String, AttributeValue>> item(String auditId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, AttributeValue.fromS(auditId))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private AuditEntry entry(Map<String, AttributeValue> item) {
        AttributeValue notification = item.get("notification");
        return new AuditEntry(items.fromItem(item), item.get(AuditTable.CHAIN).s(),
                Long.parseLong(item.get(AuditTable.CHAIN_POSITION).n()), notification == null ? null : notification.s());
    }

    private static ItemFilter itemFilter(AuditFilter filter) {
        List<String> conditions = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        if (filter.principal() != null) {
            conditions.add("#principal = :principal");
            names.put("#principal", "principal");
            values.put(":principal", AttributeValue.fromS(filter.principal()));
        }
        if (filter.rule() != null) {
            conditions.add("contains(#rules, :rule)");
            names.put("#rules", "rules");
            values.put(":rule", AttributeValue.fromS(filter.rule()));
        }
        if (filter.resource() != null) {
            conditions.add("contains(#resources, :resource)");
            names.put("#resources", "resources");
            values.put(":resource", AttributeValue.fromS(filter.resource()));
        }
        return conditions.isEmpty() ? ItemFilter.NONE : new ItemFilter(String.join(" AND ", conditions), names, values);
    }
}
