package dev.backstop.engine;

import dev.backstop.audit.AuditKeys;
import dev.backstop.audit.AuditLog;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.AuditTable;
import dev.backstop.audit.Outcome;
import dev.backstop.config.Settings;
import dev.backstop.notify.Notifier;
import dev.backstop.rules.DefaultPack;
import dev.backstop.rules.RuleBook;
import dev.backstop.rules.RuleError;
import dev.backstop.rules.RuleFileChanges;
import dev.backstop.rules.RuleFileException;
import dev.backstop.rules.RuleLoader;
import dev.backstop.rules.RuleText;
import dev.backstop.rules.source.RuleFileLoads;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Backstop's own record of every version of a team's rule file it reads: an audit record and a
 * notification naming the bucket, key, version id, ETag and SHA-256, and what the version changes
 * against the one loaded before it ({@link RuleFileChanges}: rules turned off, downgraded or
 * removed, exemptions added or extended, ...), or, for a rejected version, its errors. Whoever can
 * write the file can switch Backstop off with it; this is how the team finds out.
 *
 * <p>One record per version, whichever function's container reads it first: the record's key,
 * {@link AuditKeys#ruleFile} (the file and its ETag, outcome {@link Outcome#LOADED}, which
 * {@code ./backstop selfcheck} looks up) or {@link AuditKeys#ruleFileRejected} (outcome
 * {@link Outcome#REJECTED}), is claimed. The text of the version loaded last is kept beside it
 * ({@code rules-latest#<location>}, {@code kind} rule-file), so the next version is compared with it.
 */
@Singleton
final class RuleFileAudit implements RuleFileLoads {

    static final String SOURCE = "backstop.rules";
    static final String LATEST = "rules-latest#";
    private static final int ERRORS_SHOWN = 5;
    private static final int KEPT_TEXT_BYTES = 300_000;

    private final AuditLog audit;
    private final Notifier notifier;
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Optional<String> home;
    private final Region region;
    private final RuleLoader loader;
    private final Clock clock;

    @Inject
    RuleFileAudit(AuditLog audit, Notifier notifier, DynamoDbClient dynamoDb, Settings settings, Region region,
            RuleLoader loader, Clock clock) {
        this.audit = audit;
        this.notifier = notifier;
        this.dynamoDb = dynamoDb;
        this.table = settings.auditTable();
        this.home = settings.members().homeAccount();
        this.region = region;
        this.loader = loader;
        this.clock = clock;
    }

    @Override
    public void loaded(Read read, RuleBook rules) {
        String key = AuditKeys.ruleFile(read.location().toString(), version(read));
        Instant now = clock.instant();
        if (audit.find(key).isPresent() || !audit.claim(key, now).held()) {
            return;
        }
        try {
            Optional<Map<String, AttributeValue>> previous = latest(read);
            String changes = changes(previous, rules);
            record(read, key, "RulesLoaded", Outcome.LOADED, "loaded " + describe(read) + previous.map(item -> " after version "
                    + text(item, "version")).orElse(", the first version Backstop recorded") + ": " + changes, now);
            Map<String, AttributeValue> latest = new HashMap<>(Map.of(
                    AuditTable.KEY, s(LATEST + read.location()),
                    "kind", s("rule-file"),
                    "version", s(version(read)),
                    "sha256", s(read.sha256()),
                    "loadedAt", s(now.toString())));
            // A DynamoDB item holds 400 KB: a larger file is on record by its digest alone.
            if (read.text().getBytes(StandardCharsets.UTF_8).length <= KEPT_TEXT_BYTES) {
                latest.put("text", s(read.text()));
            }
            dynamoDb.putItem(request -> request.tableName(table).item(latest));
        } catch (RuntimeException e) {
            audit.release(key);
            throw e;
        }
    }

    @Override
    public void rejected(Read read, List<RuleError> errors) {
        String key = AuditKeys.ruleFileRejected(read.location().toString(), version(read));
        Instant now = clock.instant();
        if (audit.find(key).isPresent() || !audit.claim(key, now).held()) {
            return;
        }
        String shown = errors.stream().limit(ERRORS_SHOWN).map(RuleError::toString).collect(Collectors.joining("; "));
        record(read, key, "RulesRejected", Outcome.REJECTED, "rejected " + describe(read) + ", keeping the rules in force: "
                + errors.size() + " error(s): " + shown + (errors.size() > ERRORS_SHOWN ? "; ..." : ""), now);
    }

    /** The changes against the version loaded before, in words; against the default pack alone for the first. */
    private String changes(Optional<Map<String, AttributeValue>> previous, RuleBook rules) {
        if (previous.isPresent() && !previous.get().containsKey("text")) {
            return "not compared: the version before was larger than " + KEPT_TEXT_BYTES / 1000 + " KB";
        }
        RuleBook before;
        try {
            before = loader.load(previous.isEmpty() ? List.of(DefaultPack.text())
                    : List.of(DefaultPack.text(), new RuleText("the version before", text(previous.get(), "text"))));
        } catch (RuleFileException e) {
            before = loader.load(List.of(DefaultPack.text()));
        }
        List<String> changes = RuleFileChanges.between(before, rules);
        return changes.isEmpty() ? "no rule changed" : String.join("; ", changes);
    }

    private void record(Read read, String key, String eventName, Outcome outcome, String reason, Instant now) {
        AuditRecord record = new AuditRecord(key, null, eventName, SOURCE,
                read.location().expectedOwner().or(() -> home).orElse(null), region.id(), null, now, null, null, null,
                outcome, reason, List.of());
        audit.recordClaimed(key, record);
        try {
            notifier.publish(record);
            audit.noteNotification(key, "sent");
        } catch (RuntimeException e) {
            audit.noteNotification(key, "failed: " + e.getMessage());
        }
    }

    private Optional<Map<String, AttributeValue>> latest(Read read) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, s(LATEST + read.location()))).consistentRead(true)).item();
        return item == null || !item.containsKey("version") ? Optional.empty() : Optional.of(item);
    }

    private static String describe(Read read) {
        return read.location() + " (bucket " + read.location().bucket() + ", key " + read.location().key()
                + ", version id " + (read.versionId() == null ? "none: the bucket is not versioned" : read.versionId())
                + ", ETag " + read.eTag() + ", SHA-256 " + read.sha256()
                + read.location().expectedOwner().map(owner -> ", bucket owner " + owner).orElse("") + ")";
    }

    /** The ETag, as selfcheck finds it in S3; the digest when S3 gave none. */
    private static String version(Read read) {
        return read.eTag() != null ? read.eTag() : read.sha256();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
