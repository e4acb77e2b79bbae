package dev.backstop.action.cloudtrail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The audit table at the SDK edge as the trail snapshots use it: puts with the one condition they
 * write ("absent, or taken no later than this one") evaluated here by hand, GetItem, DeleteItem,
 * and the two updates of the index (add the trail, delete it). The real expressions run against
 * the emulator in the integration tests.
 */
final class FakeSnapshotTable implements DynamoDbClient {

    private final Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        String key = request.item().get("auditId").s();
        Map<String, AttributeValue> existing = items.get(key);
        if (request.conditionExpression() != null && existing != null) {
            if (!request.conditionExpression().equals("attribute_not_exists(#key) OR takenAtMillis <= :takenAt")) {
                throw new UnsupportedOperationException("condition " + request.conditionExpression());
            }
            if (Long.parseLong(existing.get("takenAtMillis").n())
                    > Long.parseLong(request.expressionAttributeValues().get(":takenAt").n())) {
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
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        items.remove(request.key().get("auditId").s());
        return DeleteItemResponse.builder().build();
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        String key = request.key().get("auditId").s();
        Map<String, AttributeValue> item = items.computeIfAbsent(key, absent -> new HashMap<>(request.key()));
        List<String> trails = new ArrayList<>(item.containsKey("trails") ? item.get("trails").ss() : List.of());
        List<String> named = request.expressionAttributeValues().get(":trail").ss();
        switch (request.updateExpression()) {
            case "SET #kind = :kind ADD #trails :trail" -> {
                item.put("kind", request.expressionAttributeValues().get(":kind"));
                named.stream().filter(trail -> !trails.contains(trail)).forEach(trails::add);
            }
            case "DELETE #trails :trail" -> trails.removeAll(named);
            default -> throw new UnsupportedOperationException("update " + request.updateExpression());
        }
        item.put("trails", AttributeValue.fromSs(trails));
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
