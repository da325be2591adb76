package org.muster.hours;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Service certificates (志愿服务证明).
 *
 * @param organisation the issuing organisation's name as printed on every certificate (empty: the bundle's
 *                     {@code cert.default_organisation})
 * @param logo         an optional PNG or JPEG file printed above it (empty: none)
 * @param verifyPerMinute how many {@code /verify/…} pages one address may ask for in a minute
 */
@ConfigurationProperties("muster.certificates")
record CertificateProperties(@DefaultValue("") String organisation, @DefaultValue("") String logo,
                             @DefaultValue("30") int verifyPerMinute) {
}
