package dev.backstop.action.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.SampleEvents;
import java.util.Map;
import java.util.function.Consumer;

/** The IAM samples in events/iam, parsed as the engine parses them, and action specs as rules give them. */
final class IamSamples {

    static final String ROOT_KEY = "iam/create-access-key-by-root.json";
    static final String ATTACH_USER = "iam/attach-user-policy-admin.json";
    static final String ATTACH_ROLE = "iam/attach-role-policy-admin.json";
    static final String CONSOLE_LOGIN = "iam/console-login-without-mfa.json";
    static final String KEY_NETWORK = "iam/access-key-from-unexpected-network.json";
    static final String TRUST_OUTSIDE = "iam/update-assume-role-policy-outside.json";
    static final String KEY_FOR_ANOTHER = "iam/create-access-key-for-another-user.json";
    static final String PROFILE_FOR_ANOTHER = "iam/create-login-profile-for-another-user.json";
    static final String FEDERATION_TOKEN = "sts/get-federation-token.json";

    private static final CloudTrailEventParser PARSER = new CloudTrailEventParser();

    private IamSamples() {
    }

    static CloudTrailEvent event(String sample) {
        return event(sample, e -> { });
    }

    static CloudTrailEvent event(String sample, Consumer<ObjectNode> edit) {
        return PARSER.parse(SampleEvents.edited(sample, edit));
    }

    static ActionSpec spec(String action, Object... params) {
        Map<String, Object> values = new java.util.HashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            values.put((String) params[i], params[i + 1]);
        }
        return new ActionSpec(action, values);
    }
}
