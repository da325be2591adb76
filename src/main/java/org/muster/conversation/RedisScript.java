package org.muster.conversation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}): one round trip that sends the digest, not the
 * source. A server that does not know it (restarted, failed over, {@code SCRIPT FLUSH}) answers
 * {@code NOSCRIPT}; then the source is loaded and the call made again, once.
 *
 * <p>The source is loaded with the call's first key, so that under Redis Cluster it goes to the primary
 * that runs the call (a plain {@code SCRIPT LOAD} is sent to every primary, and fails while any is down).
 */
final class RedisScript {

    private final String source;
    private final String sha;

    RedisScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            redis.scriptLoad(source, keys.get(0));
            return redis.evalsha(sha, keys, args);
        }
    }

    String sha() {
        return sha;
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java platform", e);
        }
    }
}
