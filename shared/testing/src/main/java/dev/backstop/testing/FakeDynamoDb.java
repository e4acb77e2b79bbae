package dev.backstop.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The audit table at the SDK edge, keyed by {@code auditId}. The audit chain's conditions and the
 * histories' "recorded no later" are evaluated; the others are simplified to "the item is absent, released for retry or a claim whose lease is over". The real
 * expressions run against the emulator in the integration tests. A put that asks for
 * {@code ReturnValues ALL_OLD} gets the item it replaced.
 */
public final class FakeDynamoDb implements DynamoDbClient {

    private static final Pattern CLAUSE = Pattern.compile("(SET|ADD|REMOVE|DELETE)\\s+(.+?)(?=\\s+(?:SET|ADD|REMOVE|DELETE)\\s|$)");
    private static final Pattern CHAIN_CONDITION = Pattern.compile("attribute_not_exists\\(#\\w+\\)|#\\w+ = :\\w+( AND #\\w+ = :\\w+)*");
    /** The histories' "absent, or recorded no later than this one". */
    private static final Pattern NO_LATER = Pattern.compile("attribute_not_exists\\(#\\w+\\) OR (\\w+) <= (:\\w+)");

    private final Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();

    public Map<String, Map<String, AttributeValue>> items() {
        return items;
    }

    private Predicate<Map<String, AttributeValue>> faultyPut = item -> false;
    private Supplier<RuntimeException> putFault;

    /** The next PutItem of an item the test picks throws this instead of writing. */
    public synchronized FakeDynamoDb failPutOnce(Predicate<Map<String, AttributeValue>> which,
            Supplier<RuntimeException> fault) {
        this.faultyPut = which;
        this.putFault = fault;
        return this;
    }

    /**
     * The audit records and claims, without the items that carry a {@code kind} (steps, breakers,
     * policy history) and the chains' head and registry items.
     */
    public synchronized Map<String, Map<String, AttributeValue>> records() {
        Map<String, Map<String, AttributeValue>> records = new LinkedHashMap<>(items);
        records.values().removeIf(item -> item.containsKey("kind"));
        records.keySet().removeIf(key -> key.startsWith("chain#"));
        return records;
    }

    /** Every call made so far, in order, as its operation and key: {@code PutItem chain#head#...}. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** The calls made after the first {@code from}. */
    public synchronized List<String> callsSince(int from) {
        return List.copyOf(calls.subList(from, calls.size()));
    }

    public Map<String, AttributeValue> item(String auditId) {
        return items.get(auditId);
    }

    public String attribute(String auditId, String name) {
        AttributeValue value = items.get(auditId).get(name);
        return value == null ? null : value.s();
    }

    @Override
    public synchronized PutItemResponse putItem(PutItemRequest request) {
        calls.add("PutItem " + request.item().get("auditId").s());
        if (putFault != null && faultyPut.test(request.item())) {
            RuntimeException fault = putFault.get();
            putFault = null;
            throw fault;
        }
        String key = request.item().get("auditId").s();
        Map<String, AttributeValue> existing = items.get(key);
        String condition = request.conditionExpression();
        Matcher noLater = condition == null ? null : NO_LATER.matcher(condition);
        boolean holds = condition == null
                || (noLater.matches() ? existing == null || Long.parseLong(existing.get(noLater.group(1)).n())
                        <= Long.parseLong(request.expressionAttributeValues().get(noLater.group(2)).n())
                : CHAIN_CONDITION.matcher(condition).matches() ? holds(request, existing)
                        : existing == null || "retryable".equals(existing.get("status").s()) || leaseOver(request, existing));
        if (!holds) {
            throw ConditionalCheckFailedException.builder().message("The conditional request failed").build();
        }
        items.put(key, new HashMap<>(request.item()));
        return PutItemResponse.builder()
                .attributes("ALL_OLD".equals(request.returnValuesAsString()) && existing != null ? existing : null)
                .build();
    }

    /** A claim's "in progress, but its lease ended before :now": one left behind by a crash. */
    private static boolean leaseOver(PutItemRequest request, Map<String, AttributeValue> existing) {
        AttributeValue now = request.expressionAttributeValues().get(":now");
        AttributeValue lease = existing.get("leaseUntil");
        return now != null && lease != null && "in-progress".equals(existing.get("status").s())
                && Long.parseLong(lease.n()) < Long.parseLong(now.n());
    }

    @Override
    public synchronized GetItemResponse getItem(GetItemRequest request) {
        calls.add("GetItem " + request.key().get("auditId").s());
        Map<String, AttributeValue> item = items.get(request.key().get("auditId").s());
        return GetItemResponse.builder().item(item == null ? null : new HashMap<>(item)).build();
    }

    /**
     * Understands the updates Backstop makes: {@code SET a = :b, #c = :d}, {@code ADD #n :one}
     * (numbers and string sets), {@code DELETE s :set} and {@code REMOVE a, #b}, with the
     * {@code ReturnValues} asked for. An absent item is created, as DynamoDB does, unless the
     * update has a condition (then it fails the condition, whatever it says).
     */
    @Override
    public synchronized UpdateItemResponse updateItem(UpdateItemRequest request) {
        String key = request.key().get("auditId").s();
        calls.add("UpdateItem " + key);
        Map<String, AttributeValue> item = items.get(key);
        if (item == null && request.conditionExpression() != null) {
            throw ConditionalCheckFailedException.builder().message("The conditional request failed").build();
        }
        Map<String, AttributeValue> old = item == null ? Map.of() : new HashMap<>(item);
        if (item == null) {
            item = new HashMap<>(request.key());
            items.put(key, item);
        }
        Matcher clauses = CLAUSE.matcher(request.updateExpression());
        while (clauses.find()) {
            for (String part : clauses.group(2).split(",")) {
                apply(item, clauses.group(1), part.trim(), request);
            }
        }
        Map<String, AttributeValue> returned = switch (request.returnValuesAsString() == null ? "NONE"
                : request.returnValuesAsString()) {
            case "ALL_NEW", "UPDATED_NEW" -> new HashMap<>(item);
            case "ALL_OLD", "UPDATED_OLD" -> old;
            default -> null;
        };
        return UpdateItemResponse.builder().attributes(returned).build();
    }

    private static void apply(Map<String, AttributeValue> item, String clause, String part, UpdateItemRequest request) {
        String[] sides = clause.equals("SET") ? part.split("=", 2) : part.split("\\s+", 2);
        String name = name(sides[0].trim(), request);
        AttributeValue value = sides.length > 1 ? request.expressionAttributeValues().get(sides[1].trim()) : null;
        AttributeValue current = item.get(name);
        switch (clause) {
            case "SET" -> item.put(name, value);
            case "REMOVE" -> item.remove(name);
            case "ADD" -> item.put(name, value.n() != null
                    ? AttributeValue.fromN(Long.toString(Long.parseLong(value.n())
                            + (current == null ? 0 : Long.parseLong(current.n()))))
                    : AttributeValue.fromSs(union(current, value)));
            case "DELETE" -> {
                if (current != null) {
                    List<String> left = new ArrayList<>(current.ss());
                    left.removeAll(value.ss());
                    if (left.isEmpty()) {
                        item.remove(name);
                    } else {
                        item.put(name, AttributeValue.fromSs(left));
                    }
                }
            }
            default -> throw new IllegalArgumentException(clause);
        }
    }

    private static List<String> union(AttributeValue current, AttributeValue added) {
        Set<String> all = new LinkedHashSet<>(current == null ? List.of() : current.ss());
        all.addAll(added.ss());
        return new ArrayList<>(all);
    }

    private static String name(String name, UpdateItemRequest request) {
        return name.startsWith("#") ? request.expressionAttributeNames().get(name) : name;
    }

    /** The audit chain's conditions: an attribute is absent, or attributes equal values; others are simplified. */
    private boolean holds(PutItemRequest put, Map<String, AttributeValue> existing) {
        String condition = put.conditionExpression();
        Matcher absent = Pattern.compile("attribute_not_exists\\((#\\w+)\\)").matcher(condition);
        if (absent.matches()) {
            return existing == null || !existing.containsKey(put.expressionAttributeNames().get(absent.group(1)));
        }
        boolean all = true;
        for (String clause : condition.split(" AND ")) {
            Matcher equal = Pattern.compile("(#\\w+) = (:\\w+)").matcher(clause);
            if (!equal.matches()) {
                throw new UnsupportedOperationException("the fake does not understand the condition " + condition);
            }
            AttributeValue value = existing == null ? null : existing.get(put.expressionAttributeNames().get(equal.group(1)));
            all &= value != null && value.equals(put.expressionAttributeValues().get(equal.group(2)));
        }
        return all;
    }


    /** The chain index: a chain's items by position, in one page. Filter expressions are not applied. */
    @Override
    public synchronized QueryResponse query(QueryRequest request) {
        calls.add("Query " + request.indexName());
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
