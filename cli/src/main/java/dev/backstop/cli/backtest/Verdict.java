package dev.backstop.cli.backtest;

/** What the handler would have done with one action of a matching rule, as a backtest reports it. */
enum Verdict {
    ENFORCE("would enforce"),
    DRY_RUN("would dry-run"),
    NOTIFY("would notify"),
    HELD("held by a breaker"),
    EXEMPTED("exempted"),
    PROTECTED("protected");

    private final String words;

    Verdict(String words) {
        this.words = words;
    }

    /** For people: "would enforce". */
    String words() {
        return words;
    }

    /** The word JSON lines and the page use: enforce, dry-run, notify, held, exempted, protected. */
    String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
