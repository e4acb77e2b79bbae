package dev.backstop.rules.source;

import dagger.Lazy;
import dev.backstop.rules.RuleBook;
import dev.backstop.rules.RuleError;
import java.util.List;

/** The loads' audit, built on the first load it is told of: reading the rules needs none of its clients. */
record LazyLoads(Lazy<RuleFileLoads> loads) implements RuleFileLoads {

    @Override
    public void loaded(Read read, RuleBook rules) {
        loads.get().loaded(read, rules);
    }

    @Override
    public void rejected(Read read, List<RuleError> errors) {
        loads.get().rejected(read, errors);
    }
}
