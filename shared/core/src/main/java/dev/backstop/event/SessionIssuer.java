package dev.backstop.event;

/** The role or user whose credentials an assumed-role session was issued from. */
public record SessionIssuer(String type, String principalId, String arn, String accountId, String userName) {
}
