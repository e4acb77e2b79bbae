package dev.backstop.cli.guardrails;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One policy document of the guardrails: a service control policy (attached to the accounts in
 * AWS Organizations) or the Deny statements of a resource policy (added to the policy of the
 * resource named in {@code purpose}).
 *
 * @param file the file name {@code --out} writes it to
 * @param purpose what it protects and where it goes, for a person
 */
record GuardrailPolicy(String file, Kind kind, String purpose, List<Statement> statements) {

    /** AWS Organizations' limit on one service control policy, counted without white space. */
    static final int SCP_MAX_CHARACTERS = 5_120;

    enum Kind { SERVICE_CONTROL_POLICY, RESOURCE_POLICY }

    GuardrailPolicy {
        statements = List.copyOf(statements);
    }

    ObjectNode json(ObjectMapper mapper) {
        ObjectNode policy = mapper.createObjectNode().put("Version", "2012-10-17");
        statements.forEach(statement -> policy.withArray("Statement")
                .add(statement.json(mapper, kind == Kind.RESOURCE_POLICY)));
        return policy;
    }

    /** Its size as AWS Organizations counts it: the JSON without white space. */
    int compactLength(ObjectMapper mapper) {
        return json(mapper).toString().length();
    }
}
