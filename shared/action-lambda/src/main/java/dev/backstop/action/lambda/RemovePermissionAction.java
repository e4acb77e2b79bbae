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
import java.util.LinkedHashMap;
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
                    "none: the function is gone", Map.of());
        }
        Map<String, String> undo = new LinkedHashMap<>();
        undo.put("call", "AddPermission");
        undo.put("functionName", function.function());
        if (function.qualifier() != null) {
            undo.put("qualifier", function.qualifier());
        }
        undo.put("statementId", sid.asText());
        undo.put("account", Functions.account(function));
        Optional<JsonNode> statement = find(function, sid.asText());
        statement.ifPresent(found -> undo.put("statement", found.toString()));
        ResourceState before = state(statement, Functions.account(function));
        return new ActionPlan(NAME, function.arn(), function.function(), before, "RemovePermission on " + function.arn()
                + ": remove statement " + sid.asText() + " (lets in " + before.facts().get("outside") + ")", undo);
    }

    @Override
    public void apply(ActionPlan plan) {
        Map<String, String> undo = plan.undo();
        functions.lambda().removePermission(request -> request.functionName(undo.get("functionName"))
                .qualifier(undo.get("qualifier")).statementId(undo.get("statementId")));
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return read(plan.undo());
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return functions.tags(plan.resource());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    /** Adds the statement back as it was. */
    @Override
    public ResourceState undo(Map<String, String> undo) {
        JsonNode statement = Functions.json(undo.get("statement")).orElseThrow(() -> new IllegalArgumentException(
                "undo data holds no statement to add back"));
        if (functions.configuration(undo.get("functionName")).isEmpty()) {
            return ResourceState.gone();
        }
        functions.lambda().addPermission(Permissions.addBack(statement, undo.get("functionName"), undo.get("qualifier"),
                undo.get("statementId")));
        return read(undo);
    }

    private ResourceState read(Map<String, String> undo) {
        if (functions.configuration(undo.get("functionName")).isEmpty()) {
            return ResourceState.gone();
        }
        Functions.Named function = new Functions.Named(undo.get("functionName"), undo.get("qualifier"), null);
        return state(find(function, undo.get("statementId")), undo.get("account"));
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
