package dev.backstop.config;

/** The deployment's settings are missing or wrong; the message names the variable. */
public final class SettingsException extends RuntimeException {

    public SettingsException(String message) {
        super(message);
    }
}
