package org.muster.sandbox;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;

/** What a Bot API method answers: its result, and the description a few methods add. */
record BotApiResult(JsonNode result, String description) {

    static BotApiResult of(JsonNode result) {
        return new BotApiResult(result, null);
    }

    static BotApiResult ok() {
        return new BotApiResult(BooleanNode.TRUE, null);
    }

    static BotApiResult ok(String description) {
        return new BotApiResult(BooleanNode.TRUE, description);
    }
}
