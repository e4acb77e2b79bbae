package dev.backstop.testing;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The audit table at the SDK edge, keyed by {@code auditId}. The audit chain's conditions are
 * evaluated; the others are simplified to "the item is absent or released for retry". The real
 * expressions run against the emulator in the integration tests.
 */
public final class FakeDynamoDb implements DynamoDbClient {

    private static final Pattern CHAIN_CONDITION = Pattern.compile("attribute_not_exists\\(#\\w+\\)|#\\w+ = :\\w+");

    private final Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();

    public Map<String, Map<String, AttributeValue>> items() {
        return items;
    }

    /** The audit records and claims, without the chains' head and registry items. */
    public Map<String, Map<String, AttributeValue>> records() {
        Map<String, Map<String, AttributeValue>> records = new LinkedHashMap<>(items);
        records.keySet().removeIf(key -> key.startsWith("chain#"));
        return records;
    }

    public Map<String, AttributeValue> item(String auditId) {
        return items.get(auditId);
    }

    public String attribute(String auditId, String name) {
        AttributeValue value = items.get(auditId).get(name);
        return value == null ? null : value.s();
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        String key = request.item().get("auditId").s();
        Map<String, AttributeValue> existing = items.get(key);
        String condition = request.conditionExpression();
        boolean holds = condition == null
                || (CHAIN_CONDITION.matcher(condition).matches() ? holds(request, existing)
                        : existing == null || "retryable".equals(existing.get("status").s()));
        if (!holds) {
            throw ConditionalCheckFailedException.builder().message("The conditional request failed").build();
        }
        items.put(key, new HashMap<>(request.item()));
        return PutItemResponse.builder().build();
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        Map<String, AttributeValue> item = items.get(request.key().get("auditId").s());
        return GetItemResponse.builder().item(item == null ? null : new HashMap<>(item)).build();
    }

    /** Understands the {@code SET a = :b, #c = :d} updates the audit log makes, and {@code ADD #a :b} to a set. */
    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        if (request.updateExpression().startsWith("ADD ")) {
            addToSet(request);
            return UpdateItemResponse.builder().build();
        }
        Map<String, AttributeValue> item = items.get(request.key().get("auditId").s());
        if (item == null) {
            throw ConditionalCheckFailedException.builder().message("The conditional request failed").build();
        }
        for (String assignment : request.updateExpression().replaceFirst("^SET ", "").split(",")) {
            String[] sides = assignment.split("=");
            String name = sides[0].trim();
            if (name.startsWith("#")) {
                name = request.expressionAttributeNames().get(name);
            }
            item.put(name, request.expressionAttributeValues().get(sides[1].trim()));
        }
        return UpdateItemResponse.builder().build();
    }

    /** The audit chain's conditions: an attribute is absent, or a number equals a value; others are simplified. */
    private boolean holds(PutItemRequest put, Map<String, AttributeValue> existing) {
        String condition = put.conditionExpression();
        Matcher absent = Pattern.compile("attribute_not_exists\\((#\\w+)\\)").matcher(condition);
        if (absent.matches()) {
            return existing == null || !existing.containsKey(put.expressionAttributeNames().get(absent.group(1)));
        }
        Matcher equal = Pattern.compile("(#\\w+) = (:\\w+)").matcher(condition);
        if (equal.matches()) {
            AttributeValue value = existing == null ? null : existing.get(put.expressionAttributeNames().get(equal.group(1)));
            return value != null && value.equals(put.expressionAttributeValues().get(equal.group(2)));
        }
        throw new UnsupportedOperationException("the fake does not understand the condition " + condition);
    }

    private void addToSet(UpdateItemRequest update) {
        Matcher add = Pattern.compile("ADD (#\\w+) (:\\w+)").matcher(update.updateExpression());
        if (!add.matches()) {
            throw new UnsupportedOperationException("the fake does not understand the update " + update.updateExpression());
        }
        String key = update.key().get("auditId").s();
        Map<String, AttributeValue> item = items.computeIfAbsent(key, k -> new HashMap<>(update.key()));
        String name = update.expressionAttributeNames().get(add.group(1));
        Set<String> values = new TreeSet<>(update.expressionAttributeValues().get(add.group(2)).ss());
        if (item.containsKey(name)) {
            values.addAll(item.get(name).ss());
        }
        item.put(name, AttributeValue.fromSs(List.copyOf(values)));
    }

    /** The chain index: a chain's items by position, in one page. Filter expressions are not applied. */
    @Override
    public QueryResponse query(QueryRequest request) {
        if (!"chain-position".equals(request.indexName()) || request.filterExpression() != null) {
            throw new UnsupportedOperationException("the fake queries the chain index without filters only");
        }
        AttributeValue chain = request.expressionAttributeValues().get(":chain");
        List<Map<String, AttributeValue>> found = items.values().stream()
                .filter(item -> chain.equals(item.get("chain")) && item.containsKey("chainPosition"))
                .sorted(Comparator.comparingLong(item -> Long.parseLong(item.get("chainPosition").n())))
                .map(item -> (Map<String, AttributeValue>) new HashMap<>(item))
                .toList();
        return QueryResponse.builder().items(found).count(found.size()).build();
    }

    @Override
    public String serviceName() {
        return "dynamodb";
    }

    @Override
    public void close() {
    }
}
