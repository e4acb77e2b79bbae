package dev.backstop.handlers.ec2;

import dev.backstop.config.Settings;
import dev.backstop.runtime.ApiCallHandler;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;

/**
 * Lambda entry point for the EC2 function: security group changes (AuthorizeSecurityGroupIngress,
 * ModifySecurityGroupRules), delivered by EventBridge as "AWS API Call via CloudTrail".
 */
public final class Ec2Handler extends ApiCallHandler {

    /** Used by Lambda: builds the EC2 graph once per container. */
    public Ec2Handler() {
        this(DaggerEc2Component.factory().create(Settings.fromEnvironment(System.getenv()), Clock.systemUTC()));
    }

    public Ec2Handler(EngineComponent component) {
        super(component);
    }
}
