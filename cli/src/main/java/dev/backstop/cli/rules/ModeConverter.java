package dev.backstop.cli.rules;

import dev.backstop.config.Mode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --mode} as rule files and the template spell modes: enforce, dry-run, notify, off. */
public final class ModeConverter implements ITypeConverter<Mode> {

    @Override
    public Mode convert(String value) {
        try {
            return Mode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
