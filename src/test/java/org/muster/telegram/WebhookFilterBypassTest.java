package org.muster.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

class WebhookFilterBypassTest {

    private final List<String> ran = new ArrayList<>();
    private final WebhookFilterBypass bypass = new WebhookFilterBypass("/telegram/webhook");

    private final class Recording extends OncePerRequestFilter implements Ordered {
        @Override
        protected void doFilterInternal(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                                        jakarta.servlet.FilterChain chain) throws jakarta.servlet.ServletException, java.io.IOException {
            ran.add(request.getRequestURI());
            chain.doFilter(request, response);
        }

        @Override
        public int getOrder() {
            return -105;
        }
    }

    private void post(Filter filter, String path) throws Exception {
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(new MockHttpServletRequest("POST", path), new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).as("the chain went on to the servlet").isNotNull();
    }

    @Test
    void aFilterBeanIsSkippedOnTheWebhookPathOnlyAndKeepsItsPlaceInTheOrder() throws Exception {
        Filter wrapped = (Filter) bypass.postProcessAfterInitialization(new Recording(), "recording");

        post(wrapped, "/telegram/webhook");
        post(wrapped, "/sandbox/api/users");
        post(wrapped, "/telegram/webhook/other");

        assertThat(ran).containsExactly("/sandbox/api/users", "/telegram/webhook/other");
        assertThat(((Ordered) wrapped).getOrder()).isEqualTo(-105);
        assertThat(bypass.postProcessAfterInitialization(wrapped, "again")).isSameAs(wrapped);
    }

    @Test
    void aRegisteredFilterIsSkippedToo() throws Exception {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Recording());

        bypass.postProcessAfterInitialization(registration, "registration");
        post(registration.getFilter(), "/telegram/webhook");
        post(registration.getFilter(), "/hours/api");

        assertThat(ran).containsExactly("/hours/api");
    }
}
