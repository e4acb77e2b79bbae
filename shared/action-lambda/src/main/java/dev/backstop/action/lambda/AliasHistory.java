package dev.backstop.action.lambda;

import dev.backstop.audit.AuditTable;
import dev.backstop.config.Settings;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Backstop's own history of where Lambda aliases pointed, kept in the audit table beside the
 * decisions: every alias move a CreateAlias or UpdateAlias call made, every move Backstop made
 * itself, and the versions PublishVersion and UpdateFunctionCode calls published.
 *
 * <p>An UpdateAlias record says where the alias went, never where it was; so the history keeps,
 * per alias, one item with its latest version and the version before it, keyed
 * {@code alias#<aliasArn>} (one GetItem for a rollback: the table has only its hash key), beside
 * items never changed that a person reads: {@code alias#<aliasArn>#<setAt>#<source>} per move and
 * {@code deployment#<functionArn>#<setAt>#<source>} per published version. The latest is
 * replaced only by a later move to another version: an event delivered late, or Backstop's own
 * UpdateAlias coming back through CloudTrail after its write, never rolls it back.
 */
final class AliasHistory {

    static final String KIND = "lambda-alias";
    static final String DEPLOYMENT_KIND = "lambda-deployment";
    static final String PREFIX = "alias#";
    static final String DEPLOYMENT_PREFIX = "deployment#";
    /** The source of the moves Backstop makes: {@code backstop:<action>} or {@code backstop:undo}. */
    static final String OWN_SOURCE = "backstop:";
    private static final int ATTEMPTS = 3;

    /**
     * The alias's latest recorded move.
     *
     * @param previousVersion where it pointed before, or null when the history starts with this move
     * @param source a CloudTrail event id, or {@code backstop:...} for Backstop's own moves
     */
    record AliasMove(String version, String previousVersion, Instant setAt, String source) {
    }

    private final DynamoDbClient dynamoDb;
    private final String table;

    @Inject
    AliasHistory(DynamoDbClient dynamoDb, Settings settings) {
        this.dynamoDb = dynamoDb;
        this.table = settings.auditTable();
    }

    /** Records that the alias points at {@code version} since {@code setAt}. */
    void recordMove(String aliasArn, String version, Instant setAt, String source) {
        Map<String, AttributeValue> entry = new HashMap<>();
        entry.put(AuditTable.KEY, s(PREFIX + aliasArn + "#" + setAt + "#" + source));
        entry.put("kind", s(KIND));
        entry.put("alias", s(aliasArn));
        entry.put("version", s(version));
        entry.put("setAt", s(setAt.toString()));
        entry.put("source", s(source));
        dynamoDb.putItem(request -> request.tableName(table).item(entry));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Map<String, AttributeValue> seen = latestItem(aliasArn);
            if (seen != null && (millis(seen) > setAt.toEpochMilli() || version.equals(seen.get("version").s()))) {
                return; // a later move is known, or the alias did not move: history only
            }
            Map<String, AttributeValue> latest = new HashMap<>(entry);
            latest.put(AuditTable.KEY, s(latestKey(aliasArn)));
            latest.put("setAtMillis", n(setAt.toEpochMilli()));
            if (seen != null) {
                latest.put("previousVersion", seen.get("version"));
            }
            try {
                putLatest(latest, seen);
                return;
            } catch (ConditionalCheckFailedException movedMeanwhile) {
                // another delivery wrote the latest between the read and the write: read again
            }
        }
        throw new IllegalStateException("the latest move of " + aliasArn + " kept changing while it was recorded");
    }

    /** Records a version a PublishVersion or UpdateFunctionCode call published, for people to read. */
    void recordDeployment(String functionArn, String eventName, String version, String codeSha256, Instant setAt,
            String source) {
        Map<String, AttributeValue> entry = new HashMap<>();
        entry.put(AuditTable.KEY, s(DEPLOYMENT_PREFIX + functionArn + "#" + setAt + "#" + source));
        entry.put("kind", s(DEPLOYMENT_KIND));
        entry.put("function", s(functionArn));
        entry.put("eventName", s(eventName));
        entry.put("version", s(version));
        if (codeSha256 != null) {
            entry.put("codeSha256", s(codeSha256));
        }
        entry.put("setAt", s(setAt.toString()));
        entry.put("source", s(source));
        dynamoDb.putItem(request -> request.tableName(table).item(entry));
    }

    Optional<AliasMove> latest(String aliasArn) {
        Map<String, AttributeValue> item = latestItem(aliasArn);
        if (item == null) {
            return Optional.empty();
        }
        AttributeValue previous = item.get("previousVersion");
        return Optional.of(new AliasMove(item.get("version").s(), previous == null ? null : previous.s(),
                Instant.parse(item.get("setAt").s()), item.get("source").s()));
    }

    static String latestKey(String aliasArn) {
        return PREFIX + aliasArn;
    }

    private Map<String, AttributeValue> latestItem(String aliasArn) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, s(latestKey(aliasArn)))).consistentRead(true)).item();
        return item == null || item.isEmpty() || !item.containsKey("version") ? null : item;
    }

    /** Writes the latest only if it is still the one read ({@code seen}), or still absent. */
    private void putLatest(Map<String, AttributeValue> latest, Map<String, AttributeValue> seen) {
        if (seen == null) {
            dynamoDb.putItem(request -> request.tableName(table).item(latest)
                    .conditionExpression("attribute_not_exists(#key)")
                    .expressionAttributeNames(Map.of("#key", AuditTable.KEY)));
        } else {
            dynamoDb.putItem(request -> request.tableName(table).item(latest)
                    .conditionExpression("setAtMillis = :seen AND #source = :source")
                    .expressionAttributeNames(Map.of("#source", "source"))
                    .expressionAttributeValues(Map.of(":seen", seen.get("setAtMillis"), ":source", seen.get("source"))));
        }
    }

    private static long millis(Map<String, AttributeValue> item) {
        return Long.parseLong(item.get("setAtMillis").n());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
