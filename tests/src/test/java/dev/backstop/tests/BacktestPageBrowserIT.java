package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.testing.LogFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --html} page of a backtest opened in a real headless browser (Debian's Chromium): the
 * timeline of each rule draws its bars, and the tables show the counts the run reported, with no
 * network and no script. A screenshot is left in {@code tests/target/backtest-page.png}.
 */
class BacktestPageBrowserIT {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private static final String PAGE_SCRIPT = """
            const box = element => element.getBoundingClientRect();
            const charts = [...document.querySelectorAll('svg.timeline')].map(svg => ({
              rule: svg.dataset.rule,
              width: box(svg).width,
              height: box(svg).height,
              bars: [...svg.querySelectorAll('rect.bar')].filter(bar => box(bar).width > 0 && box(bar).height > 0).length,
              kinds: [...new Set([...svg.querySelectorAll('rect.bar')].map(bar => bar.classList[1]))].sort()
            }));
            const rows = selector => [...document.querySelectorAll(selector + ' tbody tr')]
              .filter(row => box(row).height > 0)
              .map(row => [...row.cells].map(cell => cell.textContent));
            return {
              title: document.title,
              charts: charts,
              summary: rows('section[data-pack="rules"] table.summary'),
              trips: rows('table.trips'),
              changes: rows('table.changes').length,
              scripts: document.scripts.length
            };
            """;

    @TempDir
    Path dir;

    private Path logs(List<ObjectNode> records, Instant written) throws java.io.IOException {
        Path folder = dir.resolve("logs/AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/20");
        Files.createDirectories(folder);
        String name = "123456789012_CloudTrail_us-east-1_" + written.toString().replace("-", "").replace(":", "")
                .substring(0, 13) + "Z_" + records.size() + ".json.gz";
        return Files.write(folder.resolve(name), LogFiles.gzip(LogFiles.of(records)));
    }

    @Test
    void theTimelineAndTheTablesRenderInAHeadlessBrowser() throws Exception {
        List<ObjectNode> stops = new ArrayList<>();
        for (int n = 0; n < 14; n++) {
            ObjectNode record = LogFiles.numbered(LogFiles.record("cloudtrail/stop-logging.json"), n,
                    T0.plusSeconds(n * 600L));
            record.putObject("requestParameters").put("name", "arn:aws:cloudtrail:us-east-1:123456789012:trail/t" + n);
            stops.add(record);
        }
        logs(stops, T0.plusSeconds(14 * 600L));
        logs(List.of(LogFiles.numbered(LogFiles.record("iam/attach-role-policy-admin.json"), 100, T0.plusSeconds(7_200))),
                T0.plusSeconds(7_500));
        Path team = Files.writeString(dir.resolve("team.yaml"), """
                version: 1
                rules: []
                overrides:
                  cloudtrail-logging-stopped:
                    mode: notify
                """);
        Path page = dir.resolve("report.html");

        CommandRun run = CommandRun.of("backtest", "--html", page.toString(), "--against", team.toString(),
                dir.resolve("logs").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        JsonNode shown;
        try (HeadlessChromium browser = HeadlessChromium.start(dir)) {
            browser.open(page.toUri());
            shown = browser.run(PAGE_SCRIPT);
            browser.screenshot(Path.of("target", "backtest-page.png").toAbsolutePath());
        }

        assertThat(shown.get("title").asText()).isEqualTo("Backstop backtest");
        assertThat(shown.get("scripts").asInt()).isZero();
        JsonNode charts = shown.get("charts");
        List<String> rules = List.of("cloudtrail-logging-stopped", "iam-admin-policy-attached",
                "iam-admin-policy-attached-by-role-session");
        assertThat(charts).extracting(chart -> chart.get("rule").asText())
                .containsExactlyElementsOf(java.util.stream.Stream.concat(rules.stream(), rules.stream()).toList());
        for (JsonNode chart : charts) {
            // The chart's size as drawn: 720 by 130, and its one-pixel border.
            assertThat(chart.get("width").asDouble()).isEqualTo(722.0);
            assertThat(chart.get("height").asDouble()).isEqualTo(132.0);
            assertThat(chart.get("bars").asInt()).isPositive();
        }
        assertThat(charts.get(0).get("kinds")).extracting(JsonNode::asText).containsExactly("enforce");
        assertThat(charts.get(3).get("kinds")).extracting(JsonNode::asText).containsExactly("notify");
        JsonNode summary = shown.get("summary");
        assertThat(summary).hasSize(3);
        assertThat(summary.get(0)).extracting(JsonNode::asText).startsWith("cloudtrail-logging-stopped", "123456789012",
                "us-east-1", "14", "14");
        assertThat(summary.get(1)).extracting(JsonNode::asText).startsWith("iam-admin-policy-attached", "123456789012",
                "us-east-1", "1", "1");
        assertThat(shown.get("changes").asInt()).isEqualTo(14);
    }
}
