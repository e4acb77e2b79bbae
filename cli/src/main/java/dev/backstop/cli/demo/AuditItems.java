package dev.backstop.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The audit id in the handler's answer. */
final class AuditItems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditItems() {
    }

    static String auditIdOf(byte[] handlerOutput) {
        try {
            return JSON.readTree(handlerOutput).path("auditId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("the handler's answer is not JSON", e);
        }
    }
}
