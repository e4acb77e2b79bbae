package dev.backstop.cli.rules;

import dev.backstop.cli.UnreadableFileException;
import dev.backstop.rules.DefaultPack;
import dev.backstop.rules.ParamSpec;
import dev.backstop.rules.RuleBook;
import dev.backstop.rules.RuleError;
import dev.backstop.rules.RuleFileException;
import dev.backstop.rules.RuleText;
import dev.backstop.text.Shown;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the rule commands share: rule files read as a deployment reads them (the default pack
 * first, then the team's files in the order given), the catalogue they are checked against, and
 * the clock that time-boxed exemptions are judged by.
 */
public final class RuleTools {

    private final Optional<Path> packSource;
    private final Clock clock;
    private final CatalogueComponent catalogue;

    /**
     * @param repository the Backstop checkout ({@code BACKSTOP_HOME}), whose {@code rules/default.yaml}
     *     is the source of the default pack, if known
     */
    public RuleTools(Optional<Path> repository, Clock clock) {
        this.packSource = repository.map(root -> root.resolve(DefaultPack.NAME));
        this.clock = clock;
        this.catalogue = CatalogueComponent.create(clock);
    }

    /**
     * The default pack and then the files, or empty after printing why a file cannot be a rule file
     * (larger than {@link RuleText#MAX_BYTES}, not UTF-8), one {@code FILE:LINE: ...} a line. A file
     * that is the repository's own {@code rules/default.yaml} takes the built-in pack's place
     * instead of repeating its rules. A file that cannot be read at all is an {@link UnreadableFileException}.
     */
    public Optional<List<RuleText>> withDefaultPack(List<Path> files, PrintWriter err) {
        List<RuleText> texts = new ArrayList<>();
        texts.add(DefaultPack.text());
        List<RuleError> errors = new ArrayList<>();
        for (Path file : files) {
            RuleText text;
            try {
                text = RuleText.decode(Shown.escaped(file.toString()), UnreadableFileException.read(file, RuleText.MAX_BYTES));
            } catch (RuleFileException e) {
                errors.addAll(e.errors());
                continue;
            }
            if (isPackSource(file)) {
                texts.set(0, text);
            } else {
                texts.add(text);
            }
        }
        errors.forEach(err::println);
        return errors.isEmpty() ? Optional.of(texts) : Optional.empty();
    }

    /** The rules, or empty after printing every error, one {@code FILE:LINE: rule ID: FIELD: message} a line. */
    public Optional<RuleBook> load(List<RuleText> texts, PrintWriter err) {
        try {
            return Optional.of(catalogue.ruleLoader().load(texts));
        } catch (RuleFileException e) {
            e.errors().forEach(err::println);
            return Optional.empty();
        }
    }

    public Map<String, List<ParamSpec>> actionParameters() {
        return catalogue.actionParameters();
    }

    public Clock clock() {
        return clock;
    }

    private boolean isPackSource(Path file) {
        try {
            return packSource.isPresent() && Files.exists(packSource.get()) && Files.isSameFile(file, packSource.get());
        } catch (IOException e) {
            return false;
        }
    }
}
