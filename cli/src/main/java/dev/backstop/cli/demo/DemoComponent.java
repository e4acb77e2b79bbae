package dev.backstop.cli.demo;

import dagger.Component;
import dev.backstop.action.cloudtrail.CloudTrailClientModule;
import dev.backstop.action.s3.S3ClientModule;
import dev.backstop.aws.AwsClientsModule;
import javax.inject.Singleton;

/** SDK clients for building a small world on the emulators. */
@Singleton
@Component(modules = {AwsClientsModule.class, CloudTrailClientModule.class, S3ClientModule.class, DemoClientsModule.class})
public interface DemoComponent {

    DemoWorld world();

    static DemoComponent create() {
        return DaggerDemoComponent.create();
    }
}
