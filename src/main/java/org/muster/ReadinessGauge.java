package org.muster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code muster_ready}: 1 while the instance's readiness group ({@code /actuator/health/readiness}:
 * accepting traffic, PostgreSQL and Redis reachable) is UP, else 0. A load balancer takes a
 * not-ready instance out quietly; without this gauge an instance that runs, is scraped, but cannot
 * serve would raise no alert at all. Measured at each scrape (a database validation and a Redis PING).
 */
@Component
class ReadinessGauge implements MeterBinder {

    private final ObjectProvider<HealthEndpoint> health;

    ReadinessGauge(ObjectProvider<HealthEndpoint> health) {
        this.health = health;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("muster.ready", this, ReadinessGauge::ready)
                .description("1 while the readiness health group is UP, 0 otherwise")
                .register(registry);
    }

    private double ready() {
        HealthEndpoint endpoint = health.getIfAvailable();
        if (endpoint == null) {
            return Double.NaN;
        }
        HealthDescriptor readiness = endpoint.healthForPath("readiness");
        return readiness != null && Status.UP.equals(readiness.getStatus()) ? 1 : 0;
    }
}
