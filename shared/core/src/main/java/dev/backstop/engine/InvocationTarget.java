package dev.backstop.engine;

import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The ARN the running function was invoked by (its alias, as EventBridge invokes it), which a
 * deferred decision's schedule invokes again: the function that decided is the one with the
 * actions and the permissions to act. The handler sets it at the start of every invocation;
 * a container runs one invocation at a time.
 */
@Singleton
public final class InvocationTarget {

    private volatile String arn;

    @Inject
    public InvocationTarget() {
    }

    /** Called by the handler with the Lambda context's invoked function ARN. */
    public void set(String invokedFunctionArn) {
        this.arn = invokedFunctionArn;
    }

    Optional<String> arn() {
        return Optional.ofNullable(arn);
    }
}
