package dev.backstop.testing;

import java.util.function.Supplier;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/** One SSM parameter at the SDK edge, with a version that goes up on every put, or a fault. */
public final class FakeSsm implements SsmClient {

    private String value;
    private long version;
    private Supplier<RuntimeException> fault;
    private int reads;

    public FakeSsm put(String newValue) {
        value = newValue;
        version++;
        return this;
    }

    public FakeSsm failWith(Supplier<RuntimeException> newFault) {
        fault = newFault;
        return this;
    }

    public int reads() {
        return reads;
    }

    @Override
    public GetParameterResponse getParameter(GetParameterRequest request) {
        reads++;
        if (fault != null) {
            throw fault.get();
        }
        return GetParameterResponse.builder()
                .parameter(Parameter.builder().name(request.name()).value(value).version(version).build())
                .build();
    }

    @Override
    public String serviceName() {
        return "ssm";
    }

    @Override
    public void close() {
    }
}
