package dev.backstop.testing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The audit table at the SDK edge, keyed by {@code auditId}. Conditions are simplified to
 * "the item is absent or released for retry"; the real expressions run against the emulator in
 * the integration tests.
 */
public final class FakeDynamoDb implements DynamoDbClient {

    private final Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();

    public Map<String, Map<String, AttributeValue>> items() {
        return items;
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
        if (request.conditionExpression() != null && existing != null
                && !"retryable".equals(existing.get("status").s())) {
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

    /** Understands the {@code SET a = :b, #c = :d} updates the audit log makes. */
    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
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

    @Override
    public String serviceName() {
        return "dynamodb";
    }

    @Override
    public void close() {
    }
}
