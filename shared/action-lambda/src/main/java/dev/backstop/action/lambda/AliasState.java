package dev.backstop.action.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ResourceState;
import java.util.Map;
import java.util.TreeMap;

/**
 * An alias as GetAlias reads it.
 *
 * @param version the version it points at: a number, or {@code $LATEST}
 * @param weights the extra versions a weighted alias (a canary) sends traffic to, by version; empty
 *     for a plain alias
 * @param revisionId Lambda's revision of the alias, so a move made from this read fails if the
 *     alias changed meanwhile
 */
record AliasState(String aliasArn, String version, Map<String, Double> weights, String revisionId) {

    static final String ALIAS_ARN = "aliasArn";
    static final String VERSION = "functionVersion";
    static final String WEIGHTS = "additionalVersionWeights";

    private static final ObjectMapper JSON = new ObjectMapper();

    AliasState {
        weights = Map.copyOf(weights);
    }

    /** The unqualified function ARN: the alias ARN without its alias. */
    String functionArn() {
        return aliasArn.substring(0, aliasArn.lastIndexOf(':'));
    }

    /** As the audit record keeps it; compliant when the alias is at {@code wanted} with no weights. */
    ResourceState state(String wanted) {
        boolean compliant = version.equals(wanted) && weights.isEmpty();
        return new ResourceState(true, compliant, Map.of(ALIAS_ARN, aliasArn, VERSION, version, WEIGHTS,
                weightsJson(weights)));
    }

    /** {@code {"3":0.1}}, keys in order, or {@code {}}: stable, so equal states read the same. */
    static String weightsJson(Map<String, Double> weights) {
        ObjectNode node = JSON.createObjectNode();
        new TreeMap<>(weights).forEach(node::put);
        return node.toString();
    }

    static Map<String, Double> weights(String json) {
        try {
            Map<String, Double> weights = new TreeMap<>();
            JsonNode node = JSON.readTree(json == null ? "{}" : json);
            if (!node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!field.getValue().isNumber()) {
                    throw new IllegalArgumentException(field.getKey() + " has no numeric weight");
                }
                weights.put(field.getKey(), field.getValue().asDouble());
            }
            return weights;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the undo data's " + WEIGHTS + " is not a map of version weights: " + json, e);
        }
    }
}
