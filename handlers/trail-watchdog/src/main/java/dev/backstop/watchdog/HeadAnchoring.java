package dev.backstop.watchdog;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.audit.AnchoredHeads;
import dev.backstop.audit.ChainAnchors;
import dev.backstop.audit.ChainProblem;
import dev.backstop.aws.S3ObjectReader;
import dev.backstop.aws.S3ObjectWriter;
import dev.backstop.telemetry.Telemetry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Each watchdog run keeps the audit chains' heads outside the table: it reads the last anchor, checks
 * that the table still agrees with it ({@link ChainAnchors#against}), and writes the heads as they are
 * now as a new version of the anchor object, locked in compliance mode (nobody, the account's root
 * included, can delete or shorten it before the retention ends). A table that no longer agrees is
 * reported ({@code ChainAnchorMismatch}) and the anchor is left as it was, so the evidence stays.
 * Unchanged heads write nothing.
 */
public final class HeadAnchoring {

    /** What one run did: whether it wrote a new anchor, and what disagreed with the last one. */
    public record AnchorRun(String location, boolean written, int chains, List<ChainProblem> problems) {

        public AnchorRun {
            problems = List.copyOf(problems);
        }
    }

    private final ChainAnchors anchors;
    private final S3ObjectReader reader;
    private final S3ObjectWriter writer;
    private final ObjectMapper json;
    private final Telemetry telemetry;
    private final Clock clock;

    @Inject
    HeadAnchoring(ChainAnchors anchors, S3ObjectReader reader, S3ObjectWriter writer, ObjectMapper json,
            Telemetry telemetry, Clock clock) {
        this.anchors = anchors;
        this.reader = reader;
        this.writer = writer;
        this.json = json;
        this.telemetry = telemetry;
        this.clock = clock;
    }

    public AnchorRun run(AnchorLocation location) {
        Optional<AnchoredHeads> previous = previous(location);
        List<ChainProblem> problems = previous.map(anchors::against).orElse(List.of());
        if (!problems.isEmpty()) {
            var fields = telemetry.fields().put("anchor", location.toString());
            problems.stream().map(ChainProblem::toString).forEach(fields.withArray("problems")::add);
            telemetry.count("ChainAnchorMismatch", "the audit table no longer agrees with the last anchored chain"
                    + " heads; the anchor is kept as it was", fields);
            return new AnchorRun(location.toString(), false, previous.get().heads().size(), problems);
        }
        Instant now = clock.instant();
        AnchoredHeads heads = anchors.heads(now);
        if (heads.sameHeads(previous.orElse(null))) {
            return new AnchorRun(location.toString(), false, heads.heads().size(), List.of());
        }
        writer.writeLocked(location.bucket(), location.key(), heads.toJson(json), now.plus(location.retention()));
        return new AnchorRun(location.toString(), true, heads.heads().size(), List.of());
    }

    private Optional<AnchoredHeads> previous(AnchorLocation location) {
        try {
            return reader.readIfChanged(location.bucket(), location.key(), null).map(object -> AnchoredHeads.parse(
                    object.content(), json, location.toString()));
        } catch (SdkServiceException e) {
            if (e.statusCode() == 404) {
                return Optional.empty(); // the first run: nothing anchored yet
            }
            throw e;
        }
    }
}
