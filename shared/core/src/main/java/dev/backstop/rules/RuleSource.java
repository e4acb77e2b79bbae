package dev.backstop.rules;

/** Where the engine gets the rules in force; implementations may refresh them over time. */
public interface RuleSource {

    /** The rules to decide the next event with. */
    RuleBook current();
}
