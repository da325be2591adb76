package org.muster.telegram;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.OrderUtils;

/**
 * Lets webhook calls past the web application's servlet filters (character encoding, form content,
 * request context, the request observation): {@link WebhookServlet} needs none of them, and every
 * update paid for all four. Every filter bean, and every filter of a registration bean, is wrapped;
 * a request for any other path goes through it as before.
 */
final class WebhookFilterBypass implements BeanPostProcessor {

    private final String webhookPath;

    WebhookFilterBypass(String webhookPath) {
        this.webhookPath = webhookPath;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof FilterRegistrationBean registration && !(registration.getFilter() instanceof Bypassed)) {
            registration.setFilter(new Bypassed(registration.getFilter(), webhookPath));
            return registration;
        }
        if (bean instanceof Filter filter && !(filter instanceof Bypassed)) {
            return new Bypassed(filter, webhookPath);
        }
        return bean;
    }

    /** The filter, except for the webhook path; in the filter's own place in the order. */
    static final class Bypassed implements Filter, Ordered {

        private final Filter filter;
        private final String webhookPath;
        private final int order;

        Bypassed(Filter filter, String webhookPath) {
            this.filter = filter;
            this.webhookPath = webhookPath;
            this.order = filter instanceof Ordered ordered ? ordered.getOrder()
                    : OrderUtils.getOrder(filter.getClass(), Ordered.LOWEST_PRECEDENCE);
        }

        @Override
        public void init(FilterConfig config) throws ServletException {
            filter.init(config);
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            if (request instanceof HttpServletRequest http && webhookPath.equals(http.getRequestURI())) {
                chain.doFilter(request, response);
                return;
            }
            filter.doFilter(request, response, chain);
        }

        @Override
        public void destroy() {
            filter.destroy();
        }

        @Override
        public int getOrder() {
            return order;
        }
    }
}
