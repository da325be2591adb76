package org.muster.hours;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.muster.app.ConsoleLink;
import org.muster.audit.AuditLog;
import org.muster.conversation.OrganisationProperties;
import org.muster.conversation.Texts;
import org.muster.conversation.Txt;
import org.muster.volunteer.Volunteer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues service certificates: what the volunteer's approved hours add up to, kept under an
 * unguessable code (100 random bits, base32) that {@code /verify/{code}} answers for, and printed as a
 * PDF. A later correction of their hours supersedes the certificates issued before it; an erasure
 * revokes them. Each issue is audited.
 */
@Component
class Certificates {

    /** Crockford's base32 without the letters that read like digits: 20 characters, 100 bits. */
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The outcome: a PDF and its code, or nothing to certify yet. */
    record Issue(Optional<byte[]> pdf, String code, int minutes) {
    }

    private final CertificateRepository repository;
    private final CertificateProperties properties;
    private final ConsoleLink links;
    private final Texts texts;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ZoneId zone;

    Certificates(CertificateRepository repository, CertificateProperties properties, ConsoleLink links, Texts texts, AuditLog audit,
                 TransactionTemplate transactions, Clock clock, OrganisationProperties organisation) {
        this.repository = repository;
        this.properties = properties;
        this.links = links;
        this.texts = texts;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.zone = organisation.timeZone();
    }

    static String newCode() {
        StringBuilder code = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }

    /** Where the code is checked; empty when Muster's public address is not known (no {@code muster.app.url}). */
    Optional<String> verifyUrl(String code) {
        return links.site().map(site -> site + "/verify/" + code);
    }

    Issue issue(Volunteer volunteer, Locale locale) {
        List<CertificateRepository.Line> lines = repository.approvedLines(volunteer.id());
        if (lines.isEmpty()) {
            return new Issue(Optional.empty(), null, 0);
        }
        int minutes = lines.stream().mapToInt(CertificateRepository.Line::minutes).sum();
        String organisation = properties.organisation().isBlank() ? text("cert.default_organisation", locale) : properties.organisation();
        LocalDate from = lines.get(0).date();
        LocalDate to = lines.get(lines.size() - 1).date();
        String code = newCode();
        var now = clock.instant();
        transactions.executeWithoutResult(status -> {
            repository.insert(new CertificateRepository.Issued(code, volunteer.id(), now, organisation, from, to, minutes,
                    lines.size(), "valid", null));
            audit.record(volunteer.userId(), "certificate.issued", null, Map.of("code", code, "minutes", minutes, "records", lines.size()));
        });
        String name = volunteer.realName() == null ? volunteer.publicId() : volunteer.realName();
        List<List<String>> rows = new ArrayList<>();
        for (CertificateRepository.Line line : lines) {
            rows.add(List.of(line.date().toString(), line.activity() == null ? "" : line.activity()
                            + (line.site() == null ? "" : " · " + line.site()),
                    line.team() == null ? "" : line.team(), texts.plain(Durations.of(line.minutes()), locale)));
        }
        CertificatePdf.Content content = new CertificatePdf.Content(
                text("cert.title", locale), organisation, logo(),
                texts.plain(Txt.of("cert.statement", Txt.literal(name), Txt.literal(volunteer.publicId()), Txt.literal(organisation)), locale),
                List.of(texts.plain(Txt.of("cert.period", Txt.literal(from.toString()), Txt.literal(to.toString())), locale),
                        texts.plain(Txt.of("cert.total", hours(minutes), lines.size()), locale)),
                List.of(text("cert.col.date", locale), text("cert.col.activity", locale), text("cert.col.team", locale),
                        text("cert.col.hours", locale)),
                rows,
                texts.plain(Txt.of("cert.issued", Txt.literal(now.atZone(zone).toLocalDate().toString())), locale),
                text("cert.code", locale), code, verifyUrl(code).orElse(null),
                verifyUrl(code).isPresent() ? text("cert.verify_hint", locale)
                        : texts.plain(Txt.of("cert.verify_hint_no_address", Txt.literal(organisation)), locale),
                text("cert.continued", locale));
        return new Issue(Optional.of(CertificatePdf.of(content)), code, minutes);
    }

    static String hours(int minutes) {
        return String.format(Locale.ROOT, "%.1f", minutes / 60.0);
    }

    private String text(String key, Locale locale) {
        return texts.plain(Txt.of(key), locale);
    }

    private byte[] logo() {
        if (properties.logo().isBlank()) {
            return null;
        }
        try {
            return Files.readAllBytes(Path.of(properties.logo()));
        } catch (IOException e) {
            throw new UncheckedIOException("muster.certificates.logo cannot be read: " + properties.logo(), e);
        }
    }

    /** A correction changed the volunteer's hours: what earlier certificates state no longer holds. */
    void supersede(long volunteerId) {
        repository.endAllOf(volunteerId, "superseded", clock.instant());
    }

    void revoke(long volunteerId) {
        repository.endAllOf(volunteerId, "revoked", clock.instant());
    }
}
