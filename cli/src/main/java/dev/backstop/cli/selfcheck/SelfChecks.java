package dev.backstop.cli.selfcheck;

import dev.backstop.aws.S3ObjectReader;
import dev.backstop.config.RulesLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Topic;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Every check of {@code ./backstop selfcheck}, in order; each resource the options leave out is
 * found by the name the template gives it. A check that cannot be made fails, saying why.
 */
final class SelfChecks {

    /** The object the trail watchdog writes the chain heads to, in the template's AnchorBucket. */
    static final String ANCHOR_KEY = "chain-heads.json";

    private final DeploymentChecks deployment;
    private final StorageChecks storage;
    private final IntegrityChecks integrity;
    private final DynamoDbClient dynamoDb;
    private final SnsClient sns;
    private final SqsClient sqs;
    private final S3Client s3;
    private final S3ObjectReader s3Objects;

    @Inject
    SelfChecks(DeploymentChecks deployment, StorageChecks storage, IntegrityChecks integrity, DynamoDbClient dynamoDb,
            SnsClient sns, SqsClient sqs, S3Client s3, S3ObjectReader s3Objects) {
        this.deployment = deployment;
        this.storage = storage;
        this.integrity = integrity;
        this.dynamoDb = dynamoDb;
        this.sns = sns;
        this.sqs = sqs;
        this.s3 = s3;
        this.s3Objects = s3Objects;
    }

    List<Check> run(SelfCheckTarget target) {
        List<Check> checks = new ArrayList<>();
        checks.addAll(guardedList("rules", () -> deployment.rules(target)));
        checks.addAll(guardedList("functions", () -> deployment.functions(target)));
        Optional<String> table = found(checks, "audit table", target.table(), () -> one("audit table",
                dynamoDb.listTablesPaginator().tableNames().stream().toList(), target.generatedPrefix("AuditTable")));
        table.ifPresent(name -> checks.add(Check.guarded("audit table " + name, () -> storage.table(name))));
        found(checks, "notification topic", target.topicArn(), () -> one("notification topic",
                sns.listTopicsPaginator().topics().stream().map(Topic::topicArn).toList(),
                ":" + target.generatedPrefix("NotificationTopic"))).ifPresent(topic ->
                checks.add(Check.guarded("notification topic", () -> storage.topic(topic))));
        found(checks, "dead-letter queue", target.queueUrl(), () -> one("dead-letter queue",
                sqs.listQueues(request -> request.queueNamePrefix(target.generatedPrefix("DeadLetterQueue")))
                        .queueUrls(), "/" + target.generatedPrefix("DeadLetterQueue"))).ifPresent(queue ->
                checks.add(Check.guarded("dead-letter queue", () -> storage.deadLetters(queue))));
        List<String> accounts = new ArrayList<>(List.of(target.homeAccount()));
        accounts.addAll(target.members());
        accounts.forEach(account -> checks.add(Check.guarded("canary heartbeat " + account,
                () -> integrity.heartbeat(account, target.heartbeatWithin()))));
        table.ifPresent(name -> found(checks, "chain heads vs anchor", target.anchor(), () -> anchorBucket(target)
                .map(bucket -> new RulesLocation(bucket, ANCHOR_KEY))).ifPresent(anchor ->
                checks.add(Check.guarded("chain heads vs anchor", () -> integrity.anchor(anchor, name)))));
        checks.add(ruleFile(target, table));
        if (target.members().isEmpty()) {
            checks.add(Check.pass("member forwarding", "no member accounts (BACKSTOP_ALLOWED_ACCOUNTS is empty)"));
        }
        target.members().forEach(member -> checks.addAll(integrity.forwarding(member, target.homeAccount(),
                target.forwardRulePrefix())));
        return checks;
    }

    private Check ruleFile(SelfCheckTarget target, Optional<String> table) {
        if (target.rules().isEmpty()) {
            return Check.pass("team rule file", "none named: the default pack only");
        }
        RulesLocation rules = target.rules().get();
        if (table.isEmpty()) {
            return Check.fail("team rule file", "no audit table to look its load up in");
        }
        return Check.guarded("team rule file", () -> storage.ruleFile(table.get(), rules.toString(), s3Objects
                .readIfChanged(rules.bucket(), rules.key(), null)
                .orElseThrow(() -> new IllegalStateException("cannot read " + rules)).eTag()));
    }

    /** The CloudFormation-named anchor bucket: STACK-AnchorBucket-*, in lower case as bucket names are. */
    private Optional<String> anchorBucket(SelfCheckTarget target) {
        String prefix = target.generatedPrefix("AnchorBucket").toLowerCase(Locale.ROOT);
        return one("anchor bucket", s3.listBuckets().buckets().stream().map(Bucket::name).toList(), prefix);
    }

    /** What the options name, or else what discovery finds; a failure to find is a failed check of its own. */
    private static <T> Optional<T> found(List<Check> checks, String name, Optional<T> named,
            Supplier<Optional<T>> discover) {
        if (named.isPresent()) {
            return named;
        }
        try {
            return discover.get();
        } catch (IllegalStateException notFound) {
            checks.add(Check.fail(name, notFound.getMessage()));
            return Optional.empty();
        } catch (RuntimeException e) {
            checks.add(Check.guarded(name, () -> {
                throw e;
            }));
            return Optional.empty();
        }
    }

    /** The one name that contains {@code marker} (at its start, or after a separator such as ":" or "/"). */
    private static Optional<String> one(String what, List<String> names, String marker) {
        List<String> matching = names.stream().filter(name -> name.startsWith(marker) || name.contains(marker)).toList();
        if (matching.size() != 1) {
            throw new IllegalStateException((matching.isEmpty() ? "no " + what : matching.size() + " of them: "
                    + matching) + " named *" + marker + "*; name it with its option");
        }
        return Optional.of(matching.get(0));
    }

    private static List<Check> guardedList(String name, Supplier<List<Check>> checks) {
        try {
            return checks.get();
        } catch (RuntimeException e) {
            return List.of(Check.guarded(name, () -> {
                throw e;
            }));
        }
    }
}
