package dev.backstop.action.s3;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which bucket policy statements open the bucket to everyone: an {@code Allow} for the principal
 * {@code "*"} (also written {@code {"AWS": "*"}} or with {@code "*"} in a list), or for everyone
 * but a few ({@code NotPrincipal}), unless a condition narrows who can use it to a network, an
 * organisation, an account or a source: {@code aws:SourceVpce}, {@code aws:SourceVpc},
 * {@code aws:PrincipalOrgID}, {@code aws:PrincipalAccount}, {@code aws:SourceAccount},
 * {@code aws:SourceArn} or {@code aws:SourceIp}.
 *
 * <p>A condition narrows only when it must hold: a negated operator ({@code StringNotEquals}), an
 * {@code ...IfExists} or {@code ForAllValues:} one (true when the key is absent, as it is for a
 * caller on the internet), or a value of {@code *}, {@code 0.0.0.0/0} or {@code ::/0} narrows
 * nothing.
 */
final class PublicStatements {

    private static final Set<String> NARROWING_KEYS = Set.of("aws:sourcevpce", "aws:sourcevpc", "aws:principalorgid",
            "aws:principalaccount", "aws:sourceaccount", "aws:sourcearn", "aws:sourceip");
    private static final Set<String> EVERYTHING = Set.of("*", "0.0.0.0/0", "::/0");

    private PublicStatements() {
    }

    static boolean opensToEveryone(JsonNode statement) {
        if (!"Allow".equalsIgnoreCase(statement.path("Effect").asText())) {
            return false;
        }
        boolean everyone = statement.has("NotPrincipal") || isEveryone(statement.get("Principal"));
        return everyone && !narrowed(statement.path("Condition"));
    }

    private static boolean isEveryone(JsonNode principal) {
        if (principal == null) {
            return false;
        }
        if (principal.isObject()) {
            return containsStar(principal.get("AWS"));
        }
        return containsStar(principal);
    }

    private static boolean containsStar(JsonNode value) {
        if (value == null) {
            return false;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if ("*".equals(element.asText())) {
                    return true;
                }
            }
            return false;
        }
        return "*".equals(value.asText());
    }

    private static boolean narrowed(JsonNode condition) {
        for (Map.Entry<String, JsonNode> operator : condition.properties()) {
            if (!narrowingOperator(operator.getKey())) {
                continue;
            }
            for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
                if (NARROWING_KEYS.contains(key.getKey().toLowerCase(Locale.ROOT)) && !matchesAnything(key.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean narrowingOperator(String operator) {
        String name = operator.toLowerCase(Locale.ROOT);
        return !name.contains("not") && !name.endsWith("ifexists") && !name.startsWith("forallvalues:")
                && !name.equals("null");
    }

    private static boolean matchesAnything(JsonNode values) {
        if (values.isArray()) {
            if (values.isEmpty()) {
                return true;
            }
            for (JsonNode value : values) {
                if (EVERYTHING.contains(value.asText())) {
                    return true;
                }
            }
            return false;
        }
        return EVERYTHING.contains(values.asText());
    }
}
