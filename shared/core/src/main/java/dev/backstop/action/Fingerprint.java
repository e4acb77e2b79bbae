package dev.backstop.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short fingerprint of a JSON document by its content, not its spacing: how an audit record's
 * facts name a whole policy or configuration, so an undo's read-back can be compared with the
 * state before without the audit record holding the document twice.
 */
public final class Fingerprint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fingerprint() {
    }

    /** {@code sha256:} and the first 16 hex digits of the document's compact JSON (of the text, if it is no JSON). */
    public static String of(String document) {
        String compact;
        try {
            compact = JSON.readTree(document).toString();
        } catch (JsonProcessingException notJson) {
            compact = document;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(compact.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
