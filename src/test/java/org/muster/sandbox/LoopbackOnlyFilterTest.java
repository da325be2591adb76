package org.muster.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Who may reach the sandbox: this machine only, unless an operator allows the rest (dangerous). */
class LoopbackOnlyFilterTest {

    private static SandboxProperties properties(boolean allowRemote) {
        return new SandboxProperties("1000000001:sandbox", true, null, true, "", false, allowRemote);
    }

    @ParameterizedTest(name = "{0} {1} (allow-remote {2}) -> {3}")
    @CsvSource({
            "127.0.0.1,      /sandbox/api/users,                false, 200",
            "::1,            /sandbox,                          false, 200",
            "0:0:0:0:0:0:0:1, /bot1000000001:sandbox/getMe,     false, 200",
            "203.0.113.7,    /sandbox/api/users,                false, 403",
            "203.0.113.7,    /sandbox/api/reset,                false, 403",
            "203.0.113.7,    /sandbox/api/demo,                 false, 403",
            "127.0.0.1,      /sandbox/api/reset,                false, 200",
            "203.0.113.7,    /sandbox,                          false, 403",
            "203.0.113.7,    /sandbox/page/app.js,              false, 403",
            "10.1.2.3,       /bot1000000001:sandbox/sendMessage, false, 403",
            "10.1.2.3,       /file/bot1000000001:sandbox/doc,   false, 403",
            "203.0.113.7,    /telegram/webhook,                 false, 200",
            "203.0.113.7,    /api/stats,                        false, 200",
            "203.0.113.7,    /sandboxes,                        false, 200",
            "203.0.113.7,    /sandbox/api/users,                true,  200"})
    void onlyLoopbackReachesTheSandbox(String from, String path, boolean allowRemote, int status) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setRemoteAddr(from);
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicInteger passed = new AtomicInteger();
        FilterChain chain = (req, res) -> passed.incrementAndGet();

        new LoopbackOnlyFilter(properties(allowRemote)).doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(passed.get()).isEqualTo(status == 200 ? 1 : 0);
        if (status == 403) {
            assertThat(response.getContentAsString()).contains(path.startsWith("/sandbox") ? "\"error\"" : "\"ok\":false");
        }
    }
}
