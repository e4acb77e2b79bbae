package dev.backstop.action.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.action.ec2.PortPolicy.Verdict;
import dev.backstop.aws.Partitions;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.FindingEvent;
import dev.backstop.event.FindingResource;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.stream.Collectors;
import javax.inject.Inject;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Closes what an AuthorizeSecurityGroupIngress or ModifySecurityGroupRules call opened to the
 * whole internet (any {@code /0} source, IPv4 or IPv6), and nothing else: the group's other
 * rules stay as they are. Plans from the group's current rules, so a rule already removed is
 * nothing to do, and revokes by security group rule id.
 *
 * <p>Ports a rule allows ({@link PortPolicy}) stay open: a range that mixes allowed and forbidden
 * ports is split. The allowed ports are authorized as rules of their own first, then the wide
 * rule is revoked, so they never close: {@code tcp 400-500 from 0.0.0.0/0} with 443 allowed
 * ends as {@code tcp 443 from 0.0.0.0/0}. The undo re-authorizes what was revoked (with new rule
 * ids: EC2 never reuses one) and revokes what the split added.
 *
 * <p>A Security Hub finding about a security group (EC2.18, EC2.19) names no call: every rule of
 * the group open to the world is judged the same way, the allowed ports kept.
 */
final class RevokeWorldIngressAction implements RemediationAction {

    static final String NAME = "ec2.revoke-world-ingress";
    static final String SECURITY_GROUP = "AwsEc2SecurityGroup";

    private final SecurityGroups groups;
    private final Region region;

    @Inject
    RevokeWorldIngressAction(SecurityGroups groups, Region region) {
        this.groups = groups;
        this.region = region;
    }

    /** CloudTrail events, and findings that name a security group. */
    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof CloudTrailEvent
                || (trigger instanceof FindingEvent finding && finding.resource(SECURITY_GROUP).isPresent());
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (trigger instanceof FindingEvent finding) {
            return plan(finding, spec);
        }
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        OpenedIngress opened = OpenedIngress.read(event.detail());
        PortPolicy policy = PortPolicy.from(spec);
        if (!region.id().equals(event.region())) {
            throw new IllegalStateException("the event is from " + event.region() + ", but this handler's EC2 client"
                    + " works in " + region.id() + ": deploy Backstop in " + event.region() + " too");
        }
        String named = opened.groupId() != null ? opened.groupId() : opened.groupName();
        Optional<SecurityGroup> found = groups.find(opened.groupId(), opened.groupName());
        if (found.isEmpty()) {
            return new ActionPlan(NAME, arn(event, named), named, ResourceState.gone(),
                    "revoke world-open ingress on " + named);
        }
        SecurityGroup group = found.get();
        List<IngressRule> current = groups.ingressRules(group.groupId());
        IngressChange change = change(group.groupId(), opened.rules(), current,
                policy.allowedOn(SecurityGroups.tags(group)));
        String arn = group.securityGroupArn() != null ? group.securityGroupArn() : arn(event, group.groupId());
        return new ActionPlan(NAME, arn, group.groupId(), change.stateIn(current), describe(change), change.undoData());
    }

    /** Every world-open rule of the group the finding names, judged by the rule's port policy. */
    private ActionPlan plan(FindingEvent finding, ActionSpec spec) {
        PortPolicy policy = PortPolicy.from(spec);
        FindingResource named = finding.resource(SECURITY_GROUP).orElseThrow();
        if (!region.id().equals(finding.region())) {
            throw new IllegalStateException("the finding is from " + finding.region() + ", but this handler's EC2 client"
                    + " works in " + region.id() + ": deploy Backstop in " + finding.region() + " too");
        }
        String groupId = named.name();
        Optional<SecurityGroup> found = groups.find(groupId, null);
        if (found.isEmpty()) {
            return new ActionPlan(NAME, named.id(), groupId, ResourceState.gone(), "revoke world-open ingress on " + groupId);
        }
        List<IngressRule> current = groups.ingressRules(groupId);
        IngressChange change = change(groupId, current.stream().filter(IngressRule::isWorldOpen).toList(), current,
                policy.allowedOn(SecurityGroups.tags(found.get())));
        String arn = found.get().securityGroupArn() != null ? found.get().securityGroupArn() : named.id();
        return new ActionPlan(NAME, arn, groupId, change.stateIn(current), describe(change), change.undoData());
    }

    /** What to revoke and keep among the rules the event opened, as they are now. */
    static IngressChange change(String groupId, List<IngressRule> opened, List<IngressRule> current,
            SortedSet<Integer> allowed) {
        List<IngressRule> worldOpenNow = new ArrayList<>();
        for (IngressRule rule : opened) {
            // A rule id is authoritative; without one (a request with no response), the shape finds it.
            current.stream()
                    .filter(rule.ruleId() != null ? now -> rule.ruleId().equals(now.ruleId()) : rule::sameShapeAs)
                    .findFirst()
                    .filter(IngressRule::isWorldOpen)
                    .filter(now -> worldOpenNow.stream().noneMatch(seen -> seen.ruleId().equals(now.ruleId())))
                    .ifPresent(worldOpenNow::add);
        }
        List<IngressRule> revoke = new ArrayList<>();
        List<IngressRule> add = new ArrayList<>();
        List<IngressRule> kept = new ArrayList<>();
        for (IngressRule rule : worldOpenNow) {
            Verdict verdict = PortPolicy.judge(rule, allowed);
            if (!verdict.forbidden()) {
                kept.add(rule);
                continue;
            }
            revoke.add(rule);
            verdict.keep().stream()
                    .filter(piece -> current.stream().noneMatch(piece::sameShapeAs))
                    .filter(piece -> add.stream().noneMatch(piece::sameShapeAs))
                    .forEach(add::add);
        }
        return new IngressChange(groupId, revoke, add, kept);
    }

    @Override
    public void apply(ActionPlan plan) {
        IngressChange change = IngressChange.fromUndoData(plan.undo(RevokeWorldIngressUndo.class));
        // The allowed ports first, so they stay open throughout.
        change.add().forEach(rule -> groups.authorize(change.groupId(), rule));
        groups.revoke(change.groupId(), change.revoke().stream().map(IngressRule::ruleId).toList());
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return state(IngressChange.fromUndoData(plan.undo(RevokeWorldIngressUndo.class)));
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return groups.find(plan.address(), null).map(SecurityGroups::tags).orElse(Map.of());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public RevokeWorldIngressUndo readUndo(JsonNode stored) {
        return RevokeWorldIngressUndo.FORMAT.read(stored);
    }

    /** Re-opens what was revoked (the revoked rules first), then revokes what the split added. */
    @Override
    public ResourceState undo(JsonNode stored) {
        IngressChange change = IngressChange.fromUndoData(readUndo(stored));
        if (groups.find(change.groupId(), null).isEmpty()) {
            return ResourceState.gone();
        }
        List<IngressRule> current = groups.ingressRules(change.groupId());
        change.revoke().stream()
                .filter(rule -> current.stream().noneMatch(rule::sameShapeAs))
                .forEach(rule -> groups.authorize(change.groupId(), rule.withId(null)));
        groups.revoke(change.groupId(), current.stream()
                .filter(now -> change.add().stream().anyMatch(now::sameShapeAs))
                .map(IngressRule::ruleId)
                .toList());
        return state(change);
    }

    private ResourceState state(IngressChange change) {
        if (groups.find(change.groupId(), null).isEmpty()) {
            return ResourceState.gone();
        }
        return change.stateIn(groups.ingressRules(change.groupId()));
    }

    private static String describe(IngressChange change) {
        if (change.revoke().isEmpty()) {
            return "nothing to revoke on " + change.groupId();
        }
        String revoked = change.revoke().stream()
                .map(rule -> rule.describe() + " (" + rule.ruleId() + ")")
                .collect(Collectors.joining("; "));
        String text = "RevokeSecurityGroupIngress on " + change.groupId() + ": " + revoked;
        return change.add().isEmpty() ? text
                : text + ", after AuthorizeSecurityGroupIngress of the allowed " + IngressChange.describe(change.add());
    }

    private String arn(CloudTrailEvent event, String group) {
        String partition = Partitions.of(region);
        return "arn:" + partition + ":ec2:" + event.region() + ":" + event.account() + ":security-group/" + group;
    }
}
