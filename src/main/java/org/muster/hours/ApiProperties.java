package org.muster.hours;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param token the bearer token of the statistics and export API; empty switches the API off */
@ConfigurationProperties("muster.api")
record ApiProperties(String token) {

    boolean enabled() {
        return token != null && !token.isBlank();
    }
}
