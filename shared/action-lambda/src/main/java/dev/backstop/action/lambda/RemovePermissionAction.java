package dev.backstop.action.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.PolicyGrants;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.config.Settings;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Removes the statement an {@code AddPermission} call put on a function's resource policy when it
 * lets in anyone outside the {@link TrustedSet} ({@link PolicyGrants}: everyone, an outside account,
 * or a service acting for one), by its statement id; every other statement stays. Judged from the
 * statement Lambda created (the response's {@code statement}), or else from the request. Undo adds
 * the statement back with the same id, principal, action and conditions.
 */
final class RemovePermissionAction implements RemediationAction {

    static final String NAME = "lambda.remove-permission";

    private final Functions functions;
    private final TrustedSet trusted;

    @Inject
    RemovePermissionAction(Functions functions, Settings settings) {
        this.functions = functions;
        this.trusted = settings.trusted();
    }

    /** False when the statement the call added lets no outsider in. */
    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            return false;
        }
        JsonNode added = Functions.json(event.detail().responseElements().path("statement").asText(""))
                .filter(JsonNode::isObject).orElseGet(() -> Permissions.statement(event.detail().requestParameters()));
        String account;
        try {
            account = Functions.account(Functions.named(event));
        } catch (MalformedEventException e) {
            return true;
        }
        return !new PolicyGrants(trusted, account).outside(added).isEmpty();
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        Functions.Named function = Functions.named(event);
        JsonNode sid = event.detail().requestParameters().path("statementId");
        if (!sid.isTextual() || sid.asText().isBlank()) {
            throw new MalformedEventException("detail.requestParameters.statementId", "is missing; the statement is unknown");
        }
        if (functions.configuration(function.function()).isEmpty()) {
            return new ActionPlan(NAME, function.arn(), function.function(), ResourceState.gone(),
                    "none: the function is gone");
        }
        String account = Functions.account(function);
        Optional<JsonNode> statement = find(function, sid.asText());
        ResourceState before = state(statement, account);
        if (before.compliant()) {
            return new ActionPlan(NAME, function.arn(), function.function(), before, "none: statement " + sid.asText()
                    + (statement.isEmpty() ? " is gone" : " lets no outsider in"));
        }
        return new ActionPlan(NAME, function.arn(), function.function(), before, "RemovePermission on " + function.arn()
                + ": remove statement " + sid.asText() + " (lets in " + before.facts().get("outside") + ")",
                new RemovePermissionUndo(function.function(), function.qualifier(), sid.asText(), account, statement.get()));
    }

    @Override
    public void apply(ActionPlan plan) {
        RemovePermissionUndo undo = plan.undo(RemovePermissionUndo.class);
        functions.lambda().removePermission(request -> request.functionName(undo.functionName())
                .qualifier(undo.qualifier()).statementId(undo.statementId()));
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return read(plan.undo(RemovePermissionUndo.class));
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return functions.tags(plan.resource());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public RemovePermissionUndo readUndo(JsonNode stored) {
        return RemovePermissionUndo.FORMAT.read(stored);
    }

    /** Adds the statement back as it was. */
    @Override
    public ResourceState undo(JsonNode stored) {
        RemovePermissionUndo undo = readUndo(stored);
        if (functions.configuration(undo.functionName()).isEmpty()) {
            return ResourceState.gone();
        }
        functions.lambda().addPermission(Permissions.addBack(undo.statement(), undo.functionName(), undo.qualifier(),
                undo.statementId()));
        return read(undo);
    }

    private ResourceState read(RemovePermissionUndo undo) {
        if (functions.configuration(undo.functionName()).isEmpty()) {
            return ResourceState.gone();
        }
        Functions.Named function = new Functions.Named(undo.functionName(), undo.qualifier(), null);
        return state(find(function, undo.statementId()), undo.account());
    }

    private Optional<JsonNode> find(Functions.Named function, String sid) {
        List<JsonNode> statements = functions.statements(function);
        return statements.stream().filter(statement -> sid.equals(statement.path("Sid").asText())).findFirst();
    }

    /** Compliant when the statement is gone or lets no outsider in (changed since). */
    private ResourceState state(Optional<JsonNode> statement, String account) {
        List<String> outside = statement.map(found -> new PolicyGrants(trusted, account).outside(found)).orElse(List.of());
        return new ResourceState(true, outside.isEmpty(), Map.of(
                "statement", statement.isPresent() ? "present" : "absent",
                "outside", outside.isEmpty() ? "none" : String.join(", ", outside)));
    }
}
