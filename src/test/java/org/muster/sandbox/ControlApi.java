package org.muster.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A tester's hands on the control API, over real HTTP. */
final class ControlApi {

    record Response(int status, JsonNode body) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    ControlApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Response call(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(90));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(SandboxJson.bytes(body)));
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = SandboxJson.parse(response.body()).orElse(null);
            return new Response(response.statusCode(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A raw POST with the given content type, as non-JSON Bot API clients send. */
    Response raw(String path, String contentType, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), SandboxJson.parse(response.body()).orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many requests of a kind the emulator holds now ({@code GET /sandbox/api/bot}'s {@code held}). */
    int held(String kind) {
        return get("/sandbox/api/bot").path("held").path(kind).asInt();
    }

    /** Waits until the emulator holds at least {@code count} requests of the kind: the proof that one waits. */
    void awaitHeld(String kind, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (held(kind) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the emulator never held " + count + " " + kind + "; it holds " + held(kind));
            }
            Thread.onSpinWait();
        }
    }

    /** A GET that must be answered without being held: a held one runs into the client's short timeout and fails. */
    JsonNode getUnheld(String path) {
        try {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            return SandboxJson.parse(response.body()).orElseThrow();
        } catch (java.net.http.HttpTimeoutException e) {
            throw new AssertionError(path + " was held instead of answered at once", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    byte[] bytes(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode ok(String method, String path, JsonNode body) {
        Response response = call(method, path, body);
        assertThat(response.status()).as("%s %s answered %s", method, path, response.body()).isEqualTo(200);
        return response.body();
    }

    JsonNode get(String path) {
        return ok("GET", path, null);
    }

    JsonNode post(String path, JsonNode body) {
        return ok("POST", path, body);
    }

    static ObjectNode json() {
        return SandboxJson.object();
    }

    static ArrayNode ids(long... ids) {
        ArrayNode array = SandboxJson.array();
        for (long id : ids) {
            array.add(id);
        }
        return array;
    }

    long user(String firstName) {
        return post("/sandbox/api/users", json().put("first_name", firstName).put("language_code", "en"))
                .get("id").asLong();
    }

    /** A user who has opened a private chat with the bot. */
    long privateChat(String firstName) {
        long user = user(firstName);
        post("/sandbox/api/chats", json().put("type", "private").set("members", ids(user)));
        return user;
    }

    long group(String type, String title, long... members) {
        return post("/sandbox/api/chats", json().put("type", type).put("title", title).set("members", ids(members)))
                .get("id").asLong();
    }

    JsonNode say(long chatId, long from, String text) {
        return post("/sandbox/api/messages", json().put("chat_id", chatId).put("from", from).put("text", text));
    }

    JsonNode transcript(long chatId) {
        return get("/sandbox/api/chats/" + chatId + "/messages");
    }

    JsonNode lastMessage(long chatId) {
        JsonNode messages = transcript(chatId);
        return messages.get(messages.size() - 1);
    }
}
