package dev.backstop.cli.backtest;

import dev.backstop.event.CloudTrailLogReader;
import dev.backstop.event.EventFiles;
import dev.backstop.rules.ExactPins;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.Row;

/**
 * {@code athena:DATABASE.TABLE}: the backtest pushed down to Athena over a trail's table, for
 * years of an organization's logs. The query ({@link AthenaQuery}) selects only the events a rule
 * pins, in time order; its result pages stream into the same replay as log files do.
 */
final class AthenaSource implements EventSource {

    private static final int PAGE = 1_000;

    private final AthenaClient athena;
    private final String table;
    private final String workGroup;
    private final String output;
    private final Map<String, ExactPins> pins;
    private final CloudTrailLogReader reader;
    private final AthenaRows rows;
    private final Pacer polls;
    private final List<String> notes = new ArrayList<>();
    private String queryId;

    /**
     * @param output where Athena writes the results ({@code s3://...}), or null for the work group's own setting
     * @param pins the pins of every rule replayed, by rule id
     */
    AthenaSource(AthenaClient athena, String table, String workGroup, String output, Map<String, ExactPins> pins,
            CloudTrailLogReader reader, AthenaRows rows, Pacer polls) {
        this.athena = athena;
        this.table = table;
        this.workGroup = workGroup;
        this.output = output;
        this.pins = Map.copyOf(pins);
        this.reader = reader;
        this.rows = rows;
        this.polls = polls;
    }

    @Override
    public void read(Window window, LogFeed feed) {
        AthenaQuery.Query query = AthenaQuery.of(table, pins, window);
        if (!query.unpinned().isEmpty()) {
            notes.add("rules " + String.join(", ", query.unpinned()) + " pin no source or event name, so every event"
                    + " of the window leaves Athena");
        }
        queryId = athena.startQueryExecution(request -> request.queryString(query.sql()).workGroup(workGroup)
                .resultConfiguration(output == null ? null : config -> config.outputLocation(output))).queryExecutionId();
        awaitSuccess();
        int page = 0;
        List<String> columns = null;
        for (GetQueryResultsResponse response : athena.getQueryResultsPaginator(request -> request.queryExecutionId(queryId)
                .maxResults(PAGE))) {
            if (columns == null) {
                columns = response.resultSet().resultSetMetadata().columnInfo().stream().map(ColumnInfo::name).toList();
            }
            List<Row> results = response.resultSet().rows();
            if (page++ == 0 && !results.isEmpty() && AthenaRows.isHeader(columns, results.get(0))) {
                results = results.subList(1, results.size());
            }
            List<String> names = columns;
            String name = "Athena query " + queryId + " page " + page;
            List<EventFiles.Entry> entries = new ArrayList<>(results.size());
            for (int i = 0; i < results.size(); i++) {
                entries.add(reader.record(rows.record(names, results.get(i)), "row " + (i + 1)));
            }
            feed.records(name, entries.iterator());
            // Ordered by time: nothing older than this page's last event is still to come.
            entries.stream().filter(entry -> entry.event() != null).reduce((first, second) -> second)
                    .ifPresent(last -> feed.settled(last.event().detail().eventTime()));
        }
    }

    @Override
    public String describe() {
        return "Athena table " + table + (queryId == null ? "" : " (query " + queryId + ")")
                + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
    }

    private void awaitSuccess() {
        while (true) {
            polls.await();
            QueryExecutionStatus status = athena.getQueryExecution(request -> request.queryExecutionId(queryId))
                    .queryExecution().status();
            QueryExecutionState state = status.state();
            if (state == QueryExecutionState.SUCCEEDED) {
                return;
            }
            if (state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED) {
                throw new BacktestFailedException("the Athena query " + queryId + " ended " + state + ": "
                        + status.stateChangeReason());
            }
        }
    }
}
