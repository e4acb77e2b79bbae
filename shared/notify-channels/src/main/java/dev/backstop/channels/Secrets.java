package dev.backstop.channels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.action.AwsErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The channels' credentials, from Secrets Manager only: each secret is a JSON object (its fields
 * per channel are in the docs), read when a delivery needs it and kept five minutes, so a rotated
 * secret is in use within five minutes. Only names under {@link ChannelSettings#secretsPrefix()}
 * are read. No error message ever holds a secret's value.
 */
@Singleton
public final class Secrets {

    static final Duration TTL = Duration.ofMinutes(5);

    private record Cached(JsonNode value, Instant until) {
    }

    private final SecretsManagerClient client;
    private final String prefix;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    public Secrets(SecretsManagerClient client, ChannelSettings settings, ObjectMapper json, Clock clock) {
        this.client = client;
        this.prefix = settings.secretsPrefix();
        this.json = json;
        this.clock = clock;
    }

    /** The secret's JSON object; a {@link DeliveryException} when it cannot be read or is not one. */
    JsonNode read(String name) {
        if (!name.startsWith(prefix)) {
            throw new DeliveryException("secret " + name + " is outside " + prefix + ", the only secrets Backstop reads");
        }
        Cached cached = cache.get(name);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.until())) {
            return cached.value();
        }
        String text;
        try {
            text = client.getSecretValue(request -> request.secretId(name)).secretString();
        } catch (SdkException e) {
            throw new DeliveryException("cannot read secret " + name + ": " + AwsErrors.describe(e));
        }
        JsonNode value;
        try {
            value = text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            value = null;
        }
        if (value == null || !value.isObject()) {
            throw new DeliveryException("secret " + name + " is not a JSON object of the channel's fields");
        }
        cache.put(name, new Cached(value, now.plus(TTL)));
        return value;
    }

    /** A required text field of a secret. */
    static String field(JsonNode secret, String secretName, String field) {
        return optionalField(secret, secretName, field)
                .orElseThrow(() -> new DeliveryException("secret " + secretName + " has no \"" + field + "\""));
    }

    static Optional<String> optionalField(JsonNode secret, String secretName, String field) {
        JsonNode value = secret.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new DeliveryException("secret " + secretName + ": \"" + field + "\" must be a non-empty string");
        }
        return Optional.of(value.asText());
    }
}
