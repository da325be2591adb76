package org.muster.conversation;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * The Redis value of one conversation. {@code version} changes with every write and is what the
 * compare-and-set compares; {@code schemaVersion} is the flow's, so an old shape can be recognised
 * after a deployment and dropped.
 */
record StoredConversation(String flow, String step, int schemaVersion, long version, int attempts,
                          JsonNode data, Instant expiresAt) {
}
