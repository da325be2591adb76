package org.muster.redis;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param url {@code redis://[user:password@]host:port[/database]}; empty starts the embedded server
 * @param timeout socket and connect timeout
 * @param maxConnections pool size
 */
@ConfigurationProperties("muster.redis")
record RedisProperties(URI url, @DefaultValue("5s") Duration timeout, @DefaultValue("32") int maxConnections) {
}
