package org.muster.support;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A {@link JedisPooled} that writes down the keys of every script it runs ({@code EVALSHA}) and the
 * pattern of every {@code SCAN}: what Redis Cluster would have to route to one slot.
 */
public final class RecordingRedis extends JedisPooled {

    public final List<List<String>> scriptKeys = new CopyOnWriteArrayList<>();
    public final List<String> scanPatterns = new CopyOnWriteArrayList<>();

    public RecordingRedis(String url) {
        super(URI.create(url));
    }

    @Override
    public Object evalsha(String sha1, List<String> keys, List<String> args) {
        scriptKeys.add(List.copyOf(keys));
        return super.evalsha(sha1, keys, args);
    }

    @Override
    public ScanResult<String> scan(String cursor, ScanParams params) {
        scanPatterns.add(params.match());
        return super.scan(cursor, params);
    }

    /** The Redis Cluster slot of a key (or of a SCAN pattern, as Jedis routes it), by Jedis' own CRC16. */
    public static int slot(String key) {
        return JedisClusterCRC16.getSlot(key);
    }
}
