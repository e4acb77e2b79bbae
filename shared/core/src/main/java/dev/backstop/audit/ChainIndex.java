package dev.backstop.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A chain's records in order, read from the chain index page by page. */
final class ChainIndex {

    private ChainIndex() {
    }

    /** Every record the index holds for the chain, by position; a position held by more than one lists them all. */
    static TreeMap<Long, List<Map<String, AttributeValue>>> byPosition(DynamoDbClient dynamoDb, String table,
            String chain) {
        TreeMap<Long, List<Map<String, AttributeValue>>> byPosition = new TreeMap<>();
        records(dynamoDb, table, chain).forEach(item -> byPosition
                .computeIfAbsent(Long.parseLong(item.get(AuditTable.CHAIN_POSITION).n()), position -> new ArrayList<>())
                .add(item));
        return byPosition;
    }

    static Iterable<Map<String, AttributeValue>> records(DynamoDbClient dynamoDb, String table, String chain) {
        return records(dynamoDb, table, chain, ItemFilter.NONE);
    }

    /** The chain's records that pass the filter, which DynamoDB applies before sending them. */
    static Iterable<Map<String, AttributeValue>> records(DynamoDbClient dynamoDb, String table, String chain,
            ItemFilter filter) {
        Map<String, String> names = new HashMap<>(filter.names());
        names.put("#chain", AuditTable.CHAIN);
        Map<String, AttributeValue> values = new HashMap<>(filter.values());
        values.put(":chain", AttributeValue.fromS(chain));
        return dynamoDb.queryPaginator(request -> request.tableName(table).indexName(AuditTable.CHAIN_INDEX)
                .keyConditionExpression("#chain = :chain")
                .filterExpression(filter.expression())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)).items();
    }

    /** The chains the registry item names, in name order. */
    static List<String> chains(DynamoDbClient dynamoDb, String table) {
        Map<String, AttributeValue> registry = dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, AttributeValue.fromS(ChainHead.REGISTRY_KEY))).consistentRead(true)).item();
        AttributeValue chains = registry == null ? null : registry.get(ChainHead.REGISTRY_CHAINS);
        return chains == null ? List.of() : List.copyOf(new TreeSet<>(chains.ss()));
    }

    /** A filter expression with its names and values; {@link #NONE} filters nothing. */
    record ItemFilter(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        static final ItemFilter NONE = new ItemFilter(null, Map.of(), Map.of());
    }
}
