package dev.backstop.channels;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The Authorization header a ticket system's secret makes: a bearer {@code token} (a Jira Data
 * Center personal access token, a ServiceNow OAuth token), else basic auth of a user and its
 * password or API token (Jira Cloud: {@code email} and {@code apiToken}; ServiceNow:
 * {@code username} and {@code password}).
 */
final class Authorization {

    private Authorization() {
    }

    static String header(JsonNode secret, String secretName, String user, String password) {
        Optional<String> token = Secrets.optionalField(secret, secretName, "token");
        if (token.isPresent()) {
            return "Bearer " + token.get();
        }
        Optional<String> name = Secrets.optionalField(secret, secretName, user);
        Optional<String> key = Secrets.optionalField(secret, secretName, password);
        if (name.isEmpty() || key.isEmpty()) {
            throw new DeliveryException("secret " + secretName + " has neither \"token\" nor both \"" + user + "\" and \""
                    + password + "\"");
        }
        return "Basic " + Base64.getEncoder().encodeToString((name.get() + ":" + key.get()).getBytes(StandardCharsets.UTF_8));
    }
}
