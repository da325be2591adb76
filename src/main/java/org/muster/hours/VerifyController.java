package org.muster.hours;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.muster.conversation.Languages;
import org.muster.conversation.Texts;
import org.muster.conversation.Txt;
import org.muster.redis.RequestLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /verify/{code}}: anyone holding a certificate (a school, an employer) checks it. The page
 * says only what the certificate states — organisation, period, total hours, number of activities,
 * issue date — and whether it still holds (superseded by a later correction, revoked); never the
 * phone, the volunteer's number or anything else. Each address may ask {@code muster.certificates.verify-per-minute}
 * times a minute, counted by all instances together (codes have 100 bits; the limit keeps guessing and
 * scraping slow); more is a 429. Behind nginx the address is the client's (X-Forwarded-For from a
 * proxy on a private or loopback address: {@code server.forward-headers-strategy}).
 */
@RestController
class VerifyController {

    private static final Logger log = LoggerFactory.getLogger(VerifyController.class);
    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

    private final CertificateRepository repository;
    private final CertificateProperties properties;
    private final Texts texts;
    private final RequestLimits limits;

    VerifyController(CertificateRepository repository, CertificateProperties properties, Texts texts, RequestLimits limits) {
        this.repository = repository;
        this.properties = properties;
        this.texts = texts;
        this.limits = limits;
    }

    @GetMapping("/verify/{code}")
    ResponseEntity<byte[]> verify(@PathVariable String code, @RequestParam(defaultValue = "zh") String lang, HttpServletRequest request) {
        if (!limits.allow("verify", request.getRemoteAddr(), properties.verifyPerMinute())) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "60").contentType(HTML)
                    .body(page(lang, texts.plain(Txt.of("verify.too_many"), locale(lang)), "limited"));
        }
        var locale = locale(lang);
        Optional<CertificateRepository.Issued> found = code.matches("[0-9A-Z]{20}") ? repository.byCode(code) : Optional.empty();
        if (found.isEmpty()) {
            log.info("certificate check for a code that is none");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(HTML)
                    .body(page(lang, texts.plain(Txt.of("verify.unknown"), locale), "unknown"));
        }
        CertificateRepository.Issued issued = found.get();
        String facts = texts.plain(Txt.of("verify.facts", Txt.literal(issued.organisation()),
                Txt.literal(String.valueOf(issued.from())), Txt.literal(String.valueOf(issued.to())),
                Txt.literal(Certificates.hours(issued.minutes())), issued.activities(),
                Txt.literal(issued.issuedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString()), Txt.literal(issued.code())), locale);
        String state = texts.plain(Txt.of("verify.status_" + issued.status()), locale);
        return ResponseEntity.ok().contentType(HTML).body(page(lang, state + "\n" + facts, issued.status()));
    }

    private static java.util.Locale locale(String lang) {
        return "en".equals(lang) ? Languages.ENGLISH : Languages.CHINESE;
    }

    private byte[] page(String lang, String body, String status) {
        String html = "<!doctype html><html lang=\"" + ("en".equals(lang) ? "en" : "zh-CN") + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                + Texts.escape(texts.plain(Txt.of("verify.title"), locale(lang))) + "</title></head><body data-status=\"" + status
                + "\" style=\"font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em\"><h1>"
                + Texts.escape(texts.plain(Txt.of("verify.title"), locale(lang))) + "</h1>"
                + String.join("", body.lines().map(line -> "<p>" + Texts.escape(line) + "</p>").toList()) + "</body></html>";
        return html.getBytes(StandardCharsets.UTF_8);
    }
}
