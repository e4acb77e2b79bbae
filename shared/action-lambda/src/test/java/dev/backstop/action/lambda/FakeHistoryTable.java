package dev.backstop.action.lambda;

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
 * The audit table at the SDK edge as the alias history uses it: plain puts, GetItem, and the two
 * conditions the history writes ("absent", "still the one read"), evaluated here by hand; the
 * real expressions run against the emulator in the integration tests.
 */
final class FakeHistoryTable implements DynamoDbClient {

    private final Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
    private Runnable beforeNextConditionalPut;

    Map<String, Map<String, AttributeValue>> items() {
        return items;
    }

    /** Runs once, just before the next conditional put: another writer racing this one. */
    FakeHistoryTable beforeNextConditionalPut(Runnable race) {
        this.beforeNextConditionalPut = race;
        return this;
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        String key = request.item().get("auditId").s();
        String condition = request.conditionExpression();
        if (condition != null && beforeNextConditionalPut != null) {
            Runnable race = beforeNextConditionalPut;
            beforeNextConditionalPut = null;
            race.run();
        }
        Map<String, AttributeValue> existing = items.get(key);
        if (condition != null) {
            boolean holds = switch (condition) {
                case "attribute_not_exists(#key)" -> existing == null;
                case "setAtMillis = :seen AND #source = :source" -> existing != null
                        && existing.get("setAtMillis").equals(request.expressionAttributeValues().get(":seen"))
                        && existing.get("source").equals(request.expressionAttributeValues().get(":source"));
                default -> throw new UnsupportedOperationException("condition " + condition);
            };
            if (!holds) {
                throw ConditionalCheckFailedException.builder().message("The conditional request failed").build();
            }
        }
        items.put(key, new HashMap<>(request.item()));
        return PutItemResponse.builder().build();
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return GetItemResponse.builder().item(items.get(request.key().get("auditId").s())).build();
    }

    @Override
    public String serviceName() {
        return "dynamodb";
    }

    @Override
    public void close() {
    }
}
