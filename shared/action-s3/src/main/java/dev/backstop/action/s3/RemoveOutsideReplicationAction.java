package dev.backstop.action.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.Fingerprint;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.config.Settings;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.inject.Inject;
import software.amazon.awssdk.services.s3.model.ReplicationConfiguration;
import software.amazon.awssdk.services.s3.model.ReplicationRule;

/**
 * Takes the replication rules that copy a bucket's objects to another account out of its
 * replication configuration, and keeps the rest; deletes the configuration when nothing else is
 * left. A rule's destination is outside when its {@code Account} is not in the {@link TrustedSet},
 * or when it names no account and its bucket is not one this account owns (a bucket of another
 * account cannot be looked up). Undo puts the configuration from before back whole.
 *
 * <p>A PutBucketReplication whose every destination names a trusted account is no match.
 */
final class RemoveOutsideReplicationAction implements RemediationAction {

    static final String NAME = "s3.remove-outside-replication";

    private final Buckets buckets;
    private final Replication replication;
    private final TrustedSet trusted;

    @Inject
    RemoveOutsideReplicationAction(Buckets buckets, Replication replication, Settings settings) {
        this.buckets = buckets;
        this.replication = replication;
        this.trusted = settings.trusted();
    }

    /** False when every destination the request names is a trusted account's. */
    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            return false;
        }
        JsonNode rules = event.detail().requestParameters().path("ReplicationConfiguration").path("Rule");
        List<JsonNode> list = new ArrayList<>();
        if (rules.isArray()) {
            rules.forEach(list::add);
        } else {
            list.add(rules);
        }
        return list.stream().map(rule -> rule.path("Destination").path("Account"))
                .anyMatch(account -> !account.isTextual() || !trusted.trusts(account.asText(), event.account()));
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String bucket = Buckets.name(event);
        String arn = Buckets.arn(event, bucket);
        Replication.Read read = replication.read(bucket);
        if (!read.bucketExists() || read.configuration().isEmpty()) {
            ResourceState state = read.bucketExists() ? new ResourceState(true, true, Map.of("replication", "none"))
                    : ResourceState.gone();
            return new ActionPlan(NAME, arn, bucket, state, "none: the bucket replicates nowhere");
        }
        ReplicationConfiguration configuration = read.configuration().get();
        List<ReplicationRule> outside = outside(configuration, event.account(), memo(replication::ownBuckets));
        String change = (outside.size() == configuration.rules().size() ? "DeleteBucketReplication" : "PutBucketReplication")
                + " on " + arn + ": stop replicating to " + describe(outside);
        return new ActionPlan(NAME, arn, bucket, state(configuration, outside), change,
                new RemoveOutsideReplicationUndo(bucket, event.account(), Replication.tree(configuration)));
    }

    /** Removes the rules outside as the configuration is now, so a rule added since is kept. */
    @Override
    public void apply(ActionPlan plan) {
        replication.read(plan.address()).configuration().ifPresent(now -> {
            List<ReplicationRule> outside = outside(now, plan.undo(RemoveOutsideReplicationUndo.class).account(), memo(replication::ownBuckets));
            if (outside.isEmpty()) {
                return;
            }
            List<ReplicationRule> kept = now.rules().stream().filter(rule -> !outside.contains(rule)).toList();
            if (kept.isEmpty()) {
                replication.delete(plan.address());
            } else {
                replication.put(plan.address(), now.toBuilder().rules(kept).build());
            }
        });
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return read(plan.address(), plan.undo(RemoveOutsideReplicationUndo.class).account());
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return buckets.tags(plan.address());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public RemoveOutsideReplicationUndo readUndo(JsonNode stored) {
        return RemoveOutsideReplicationUndo.FORMAT.read(stored);
    }

    /** Puts the configuration from before back whole. */
    @Override
    public ResourceState undo(JsonNode stored) {
        RemoveOutsideReplicationUndo undo = readUndo(stored);
        if (!replication.read(undo.bucket()).bucketExists()) {
            return ResourceState.gone();
        }
        replication.put(undo.bucket(), Replication.fromJson(undo.configuration()));
        return read(undo.bucket(), undo.account());
    }

    private ResourceState read(String bucket, String account) {
        Replication.Read read = replication.read(bucket);
        if (!read.bucketExists()) {
            return ResourceState.gone();
        }
        return read.configuration()
                .map(configuration -> state(configuration, outside(configuration, account, memo(replication::ownBuckets))))
                .orElseGet(() -> new ResourceState(true, true, Map.of("replication", "none")));
    }

    private List<ReplicationRule> outside(ReplicationConfiguration configuration, String account, Supplier<Set<String>> own) {
        return configuration.rules().stream().filter(rule -> outside(rule, account, own)).toList();
    }

    private boolean outside(ReplicationRule rule, String account, Supplier<Set<String>> own) {
        if (rule.destination() == null) {
            return false;
        }
        String destinationAccount = rule.destination().account();
        if (destinationAccount != null) {
            return !trusted.trusts(destinationAccount, account);
        }
        String bucketArn = rule.destination().bucket();
        return bucketArn != null && !own.get().contains(bucketArn.substring(bucketArn.lastIndexOf(':') + 1));
    }

    private static ResourceState state(ReplicationConfiguration configuration, List<ReplicationRule> outside) {
        return new ResourceState(true, outside.isEmpty(), Map.of(
                "replication", Fingerprint.of(Replication.json(configuration)),
                "rules", Integer.toString(configuration.rules().size()),
                "outsideRules", outside.isEmpty() ? "none" : describe(outside)));
    }

    /** Each rule's id (or its destination) and where it copies to. */
    private static String describe(List<ReplicationRule> rules) {
        List<String> names = new ArrayList<>();
        for (ReplicationRule rule : rules) {
            String account = rule.destination().account();
            names.add((rule.id() == null ? "" : rule.id() + " ") + "-> " + rule.destination().bucket()
                    + (account == null ? " (not this account's)" : " (account " + account + ")"));
        }
        return String.join(", ", names);
    }

    /** Lists the account's buckets at most once, and only if a destination names no account. */
    private static Supplier<Set<String>> memo(Supplier<Set<String>> listing) {
        return new Supplier<>() {
            private Set<String> buckets;

            @Override
            public Set<String> get() {
                if (buckets == null) {
                    buckets = listing.get();
                }
                return buckets;
            }
        };
    }
}
