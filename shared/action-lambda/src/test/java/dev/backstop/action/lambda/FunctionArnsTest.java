package dev.backstop.action.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FunctionArnsTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:checkout-api";

    @Test
    void everyWayToNameAFunctionGivesItsUnqualifiedArn() {
        assertThat(FunctionArns.unqualified("checkout-api", "us-east-1", "123456789012")).isEqualTo(ARN);
        assertThat(FunctionArns.unqualified(ARN, "eu-west-1", "999999999999")).isEqualTo(ARN);
        assertThat(FunctionArns.unqualified(ARN + ":live", "us-east-1", "123456789012")).isEqualTo(ARN);
        assertThat(FunctionArns.unqualified("123456789012:function:checkout-api:7", "us-east-1", "000000000000"))
                .isEqualTo(ARN);
        assertThat(FunctionArns.unqualified("checkout-api", "cn-north-1", "123456789012"))
                .startsWith("arn:aws-cn:lambda:cn-north-1:");
    }

    @Test
    void refusesWhatNamesNoFunction() {
        assertThatThrownBy(() -> FunctionArns.unqualified(" ", "us-east-1", "123456789012"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FunctionArns.unqualified("arn:aws:lambda:us-east-1:123456789012:layer:x:1", "us-east-1",
                "123456789012")).hasMessageContaining("is not a function ARN");
    }
}
