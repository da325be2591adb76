package org.muster.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sandbox page, its control API and the emulated Bot API act as any user without a password,
 * so they answer only this machine unless {@code muster.sandbox.allow-remote} says otherwise.
 * A refusal is a 403 in the shape the caller expects (Bot API or control API) and one log line per
 * address, so a scan does not flood the log.
 */
@Component
@ConditionalOnSandbox
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class LoopbackOnlyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(LoopbackOnlyFilter.class);
    private static final Pattern BOT_API = Pattern.compile("^/(file/)?bot[^/]+(/.*)?$");
    private static final int MAX_LOGGED_ADDRESSES = 1_000;

    private final boolean allowRemote;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    LoopbackOnlyFilter(SandboxProperties properties) {
        this.allowRemote = properties.allowRemote();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (allowRemote) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(sandboxPath(path) || BOT_API.matcher(path).matches());
    }

    static boolean sandboxPath(String path) {
        return path.equals("/sandbox") || path.startsWith("/sandbox/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (loopback(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        if (logged.size() < MAX_LOGGED_ADDRESSES && logged.add(address)) {
            log.warn("sandbox request from {} refused: the sandbox answers only this machine (muster.sandbox.allow-remote is false)",
                    address);
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String body = sandboxPath(path)
                ? "{\"error\":\"The sandbox answers only requests from this machine (muster.sandbox.allow-remote is false).\"}"
                : "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: the sandbox Bot API answers only this machine\"}";
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    static boolean loopback(String address) {
        if (address == null || address.isEmpty()) {
            return false;
        }
        try {
            // an address literal: no name lookup happens here
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
