package dev.backstop.bench.cold;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Notes every AWS call the handler's SDK clients make ({@code DynamoDb.PutItem}), for
 * {@link CallCounts}. The SDK adds it to every client it builds when the class path holds the
 * global interceptor list {@link CallCounts} writes; without that list it is never loaded.
 */
public final class CallLog implements ExecutionInterceptor {

    private static final List<String> CALLS = new ArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        synchronized (CALLS) {
            CALLS.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }

    /** The calls made since the last time this was asked, in order. */
    static List<String> drain() {
        synchronized (CALLS) {
            List<String> calls = List.copyOf(CALLS);
            CALLS.clear();
            return calls;
        }
    }
}
