package dev.backstop.action.s3;

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

/**
 * The audit table at the SDK edge as the policy history uses it: plain puts, GetItem, and the
 * one condition the history writes ("absent, or set no later than this one"), evaluated here by
 * hand; the real expression runs against the emulator in the integration tests.
 */
final class FakePolicyTable implements DynamoDbClient {

    private final Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();

    Map<String, Map<String, AttributeValue>> items() {
        return items;
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        String key = request.item().get("auditId").s();
        Map<String, AttributeValue> existing = items.get(key);
        if (request.conditionExpression() != null && existing != null) {
            if (!request.conditionExpression().equals("attribute_not_exists(#key) OR setAtMillis <= :setAt")) {
                throw new UnsupportedOperationException("condition " + request.conditionExpression());
            }
            long stored = Long.parseLong(existing.get("setAtMillis").n());
            long offered = Long.parseLong(request.expressionAttributeValues().get(":setAt").n());
            if (stored > offered) {
                throw ConditionalCheckFailedException.builder().message("The conditional request failed").build();
            }
        }
        items.put(key, new HashMap<>(request.item()));
        return PutItemResponse.builder().build();
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        Map<String, AttributeValue> item = items.get(request.key().get("auditId").s());
        return GetItemResponse.builder().item(item).build();
    }

    @Override
    public String serviceName() {
        return "dynamodb";
    }

    @Override
    public void close() {
    }
}
