package org.muster.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.muster.audit.AuditLog;
import org.muster.conversation.Languages;
import org.muster.conversation.RolesNow;
import org.muster.telegram.WebAppInitData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every call of the console's API ({@code /app/api/*}) carries the Mini App's signed {@code initData}
 * ({@code Authorization: tma <initData>}, as Telegram's documentation shows). Checked each time:
 * signature, age ({@code muster.app.max-age}), and the user's roles read anew. Missing, forged or
 * expired: 401, a log line and an audit line, and the call goes no further. There is no other login.
 */
class AppAuthentication extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AppAuthentication.class);
    private static final String SCHEME = "tma ";

    private final WebAppInitData initData;
    private final RolesNow roles;
    private final AuditLog audit;
    private final AppProperties properties;
    private final Languages languages;

    AppAuthentication(WebAppInitData initData, RolesNow roles, AuditLog audit, AppProperties properties, Languages languages) {
        this.languages = languages;
        this.initData = initData;
        this.roles = roles;
        this.audit = audit;
        this.properties = properties;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String data = header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) ? header.substring(SCHEME.length()).strip() : null;
        WebAppInitData.Checked checked = initData.check(data, properties.maxAge());
        if (checked.user().isEmpty()) {
            String reason = checked.refusal().name().toLowerCase(java.util.Locale.ROOT);
            // neither the data nor who it names: it is not to be believed
            log.info("console call {} {} refused: initData {}", request.getMethod(), request.getRequestURI(), reason);
            audit.record(0, "app.refused", null, Map.of("reason", reason, "path", request.getRequestURI()));
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/json;charset=UTF-8");
            response.getOutputStream().write(("{\"error\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        WebAppInitData.WebAppUser user = checked.user().get();
        // the language chosen with /lang wins, as in chat; else the one the app reports now
        var locale = languages.chosenBy(user.id()).or(() -> Languages.fromCode(user.languageCode())).orElse(languages.fallback());
        request.setAttribute(AppUser.ATTRIBUTE, new AppUser(user.id(), user.firstName(), locale, roles.of(user.id())));
        chain.doFilter(request, response);
    }
}
