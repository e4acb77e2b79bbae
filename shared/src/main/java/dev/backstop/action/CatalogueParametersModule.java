package dev.backstop.action;

import dagger.Module;
import dev.backstop.action.cloudtrail.CloudTrailParametersModule;
import dev.backstop.action.s3.S3ParametersModule;

/**
 * The parameters of every action in the catalogue, for checking rule files. Each function's graph
 * holds its own domain's actions only, but rule files (the default pack, a team's file) name
 * actions of every domain, and a file with one unknown action is refused whole: so every graph
 * includes this module, one line per action family. A rule whose action another function serves
 * never meets an event here, since the template routes its events to that function.
 */
@Module(includes = {CloudTrailParametersModule.class, S3ParametersModule.class})
public final class CatalogueParametersModule {

    private CatalogueParametersModule() {
    }
}
