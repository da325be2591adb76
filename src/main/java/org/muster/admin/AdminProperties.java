package org.muster.admin;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param coordinators Telegram user ids of the first coordinators ({@code MUSTER_COORDINATORS=1,2}) */
@ConfigurationProperties("muster")
record AdminProperties(List<Long> coordinators) {

    AdminProperties {
        coordinators = coordinators == null ? List.of() : List.copyOf(coordinators);
    }
}
