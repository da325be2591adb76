package org.muster.redis;

/**
 * How Muster's Redis keys begin. Every name is {@link #prefix()} followed by the key's own part
 * ({@code conv:{chat}:user}, {@code update:done:<block>}, {@code rate:tat:global}, …).
 *
 * <p><b>One slot for everything under Redis Cluster.</b> Each of Muster's Lua scripts mixes keys of
 * one chat or user with keys of the whole bot (the bot's send budget and pause beside the chat's,
 * everyone's facts epoch beside the user's, the done bitmap of a block of update ids beside the
 * sender's conversation). A script may only touch keys of one hash slot, so no narrower hash tag
 * works: under a cluster every key starts with {@code {muster}:}, whose braces put them all in the
 * slot of {@code muster} (Redis hashes the first {@code {…}} of a key; later braces, such as the
 * chat's in {@code {muster}:conv:{chat}:user}, then count for nothing). The cluster thereby serves
 * Muster from one primary at a time: it gives failover, not sharding, which Muster's load does not need
 * (a few Redis commands per update; see the README's benchmark).
 *
 * <p><b>Standalone and Sentinel keep {@code muster:}</b>, the names earlier versions used, so that
 * upgrading a running deployment keeps its conversations, done marks and buckets.
 */
public final class RedisKeys {

    /** A single server or a Sentinel-watched primary. */
    public static final RedisKeys STANDALONE = new RedisKeys("muster:");

    /** Redis Cluster: every key in the hash slot of {@code muster}. */
    public static final RedisKeys CLUSTER = new RedisKeys("{muster}:");

    private final String prefix;

    private RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    /** {@code muster:} or {@code {muster}:}. */
    public String prefix() {
        return prefix;
    }

    /** Whether the keys carry the cluster's hash tag. */
    public boolean clustered() {
        return this == CLUSTER;
    }

    @Override
    public String toString() {
        return prefix;
    }
}
