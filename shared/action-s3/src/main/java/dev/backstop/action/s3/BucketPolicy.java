package dev.backstop.action.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A bucket policy document, read leniently: {@code Statement} may be one object or a list. Changes
 * return a new policy and keep every other top-level field ({@code Version}, {@code Id}).
 */
final class BucketPolicy {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode document;

    private BucketPolicy(ObjectNode document) {
        this.document = document;
    }

    /** Reads a policy as S3 returns it, or as an event carries it (an object, or a JSON string). */
    static BucketPolicy parse(String json) {
        try {
            return of(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON policy document: " + e.getOriginalMessage(), e);
        }
    }

    static BucketPolicy of(JsonNode node) {
        if (node != null && node.isTextual()) {
            return parse(node.asText());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a policy document must be a JSON object");
        }
        return new BucketPolicy(node.deepCopy());
    }

    /** A policy of these statements alone, for putting statements back on a bucket that has none. */
    static BucketPolicy ofStatements(List<JsonNode> statements) {
        ObjectNode document = JSON.createObjectNode().put("Version", "2012-10-17");
        document.putArray("Statement").addAll(statements);
        return new BucketPolicy(document);
    }

    List<JsonNode> statements() {
        JsonNode statement = document.path("Statement");
        List<JsonNode> statements = new ArrayList<>();
        if (statement.isArray()) {
            statement.forEach(statements::add);
        } else if (statement.isObject()) {
            statements.add(statement);
        }
        return statements;
    }

    List<JsonNode> publicStatements() {
        return matching(PublicStatements::opensToEveryone);
    }

    List<JsonNode> matching(Predicate<JsonNode> picked) {
        return statements().stream().filter(picked).toList();
    }

    /**
     * The policy without its statements that open the bucket to everyone; empty when nothing
     * else is left.
     */
    Optional<BucketPolicy> withoutPublicStatements() {
        return without(PublicStatements::opensToEveryone);
    }

    /** The policy without the picked statements; empty when nothing else is left. */
    Optional<BucketPolicy> without(Predicate<JsonNode> picked) {
        List<JsonNode> kept = statements().stream().filter(picked.negate()).toList();
        return kept.isEmpty() ? Optional.empty() : Optional.of(withStatements(kept));
    }

    /**
     * The policy with these statements put back at these positions (0-based, as they were in the
     * policy they were taken from), except those it already has; a position past the end appends.
     */
    BucketPolicy withInserted(List<JsonNode> added, List<Integer> positions) {
        List<JsonNode> statements = new ArrayList<>(statements());
        for (int i = 0; i < added.size(); i++) {
            if (!statements.contains(added.get(i))) {
                int at = i < positions.size() ? positions.get(i) : statements.size();
                statements.add(Math.min(Math.max(at, 0), statements.size()), added.get(i));
            }
        }
        return withStatements(statements);
    }

    /** Where these statements stand in this policy, 0-based. */
    List<Integer> positions(List<JsonNode> of) {
        List<JsonNode> all = statements();
        return of.stream().map(all::indexOf).toList();
    }

    /** Version 1 undo data held the positions as a JSON list in text. */
    static List<Integer> positionsFromJson(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            List<Integer> positions = new ArrayList<>();
            JSON.readTree(json).forEach(position -> positions.add(position.asInt()));
            return positions;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("undo data holds no statement positions: " + e.getOriginalMessage(), e);
        }
    }

    private BucketPolicy withStatements(List<JsonNode> statements) {
        ObjectNode copy = document.deepCopy();
        ArrayNode list = copy.putArray("Statement");
        statements.forEach(list::add);
        return new BucketPolicy(copy);
    }

    String json() {
        return document.toString();
    }

    /** The policy document, a copy. */
    ObjectNode document() {
        return document.deepCopy();
    }

    /** Each statement's Sid, or its position from 1 where it has none: how a person finds it. */
    static String describe(List<JsonNode> statements, BucketPolicy in) {
        List<JsonNode> all = in.statements();
        List<String> names = new ArrayList<>();
        for (JsonNode statement : statements) {
            String sid = statement.path("Sid").asText("");
            names.add(sid.isEmpty() ? "#" + (all.indexOf(statement) + 1) : sid);
        }
        return String.join(", ", names);
    }

    /** Version 1 undo data held the statements as a JSON list in text. */
    static List<JsonNode> statementsFromJson(String json) {
        try {
            JsonNode list = JSON.readTree(json);
            List<JsonNode> statements = new ArrayList<>();
            list.forEach(statements::add);
            return statements;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("undo data holds no statement list: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BucketPolicy policy && policy.document.equals(document);
    }

    @Override
    public int hashCode() {
        return document.hashCode();
    }

    @Override
    public String toString() {
        return json();
    }
}
