package org.muster.app;

import org.muster.audit.AuditLog;
import org.muster.conversation.Languages;
import org.muster.conversation.RolesNow;
import org.muster.telegram.WebAppInitData;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AppProperties.class)
class AppConfiguration {

    /** Only the API: the page and its scripts are public, and hold nothing but code. */
    @Bean
    FilterRegistrationBean<AppAuthentication> appAuthentication(WebAppInitData initData, RolesNow roles, AuditLog audit,
                                                                AppProperties properties, Languages languages) {
        FilterRegistrationBean<AppAuthentication> registration = new FilterRegistrationBean<>(
                new AppAuthentication(initData, roles, audit, properties, languages));
        registration.addUrlPatterns("/app/api/*");
        registration.setName("appAuthentication");
        return registration;
    }
}
