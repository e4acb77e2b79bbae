package dev.backstop.cli.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.cli.UnreadableFileException;
import dev.backstop.event.CloudTrailLogReader;
import dev.backstop.rules.ExactPins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The source a backtest's SOURCE argument names: a folder or file of logs, {@code s3://bucket/prefix},
 * {@code lookup-events} or {@code athena:DATABASE.TABLE}. Only the last three build an SDK client,
 * with region and credentials from the environment and endpoints from the SDK's standard settings.
 */
final class Sources {

    static final String LOOKUP_EVENTS = "lookup-events";
    static final String S3 = "s3://";
    static final String ATHENA = "athena:";

    /** What the AWS sources are tuned by: the LookupEvents call rate, Athena's work group and output. */
    record Options(double lookupRate, String workGroup, String athenaOutput) {
    }

    private final CloudTrailLogReader reader;
    private final FileFeeder feeder;
    private final ObjectMapper json;
    private final Pacer.Sleeper sleeper;

    Sources(CloudTrailLogReader reader, Duration lateness, ObjectMapper json, Pacer.Sleeper sleeper) {
        this.reader = reader;
        this.feeder = new FileFeeder(reader, lateness);
        this.json = json;
        this.sleeper = sleeper;
    }

    /** True for a source in AWS, which reads the last 90 days unless told otherwise. */
    static boolean inAws(String source) {
        return source.equals(LOOKUP_EVENTS) || source.startsWith(S3) || source.startsWith(ATHENA);
    }

    EventSource of(String source, Options options, Map<String, ExactPins> pins) {
        if (source.equals(LOOKUP_EVENTS)) {
            return new LookupEventsSource(client(CloudTrailClient.builder()), reader,
                    new Pacer(options.lookupRate(), System::nanoTime, sleeper));
        }
        if (source.startsWith(S3)) {
            String path = source.substring(S3.length());
            int slash = path.indexOf('/');
            String bucket = slash < 0 ? path : path.substring(0, slash);
            if (bucket.isEmpty()) {
                throw new IllegalArgumentException("expected s3://BUCKET/PREFIX, found \"" + source + "\"");
            }
            return new S3Source(client(S3Client.builder()), bucket, slash < 0 ? "" : path.substring(slash + 1), feeder);
        }
        if (source.startsWith(ATHENA)) {
            return new AthenaSource(client(AthenaClient.builder()), source.substring(ATHENA.length()), options.workGroup(),
                    options.athenaOutput(), pins, reader, new AthenaRows(json), new Pacer(1, System::nanoTime, sleeper));
        }
        Path path = Path.of(source);
        if (!Files.exists(path)) {
            throw new UnreadableFileException(path, "no such file or folder (a SOURCE is a folder or file of log files,"
                    + " s3://BUCKET/PREFIX, lookup-events or athena:DATABASE.TABLE)");
        }
        return new DirectorySource(path, feeder);
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return AwsClientsModule.build(builder, UrlConnectionHttpClient.create(), DefaultCredentialsProvider.builder().build(),
                new DefaultAwsRegionProviderChain().getRegion());
    }
}
