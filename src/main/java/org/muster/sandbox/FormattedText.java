package org.muster.sandbox;

import java.util.List;
import java.util.function.LongFunction;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Message text after entity parsing, as Telegram stores it: plain text plus entities. */
record FormattedText(String text, List<TextEntity> entities) {

    FormattedText {
        entities = List.copyOf(entities);
    }

    /** Length as Telegram counts it for its limits: UTF-16 code units, like the entity offsets. */
    int length() {
        return text.length();
    }

    /** The entities as Bot API JSON, or null when there are none (Telegram then omits the field). */
    ArrayNode entitiesJson(LongFunction<ObjectNode> users) {
        if (entities.isEmpty()) {
            return null;
        }
        ArrayNode array = SandboxJson.array();
        entities.forEach(entity -> array.add(entity.toJson(users)));
        return array;
    }
}
