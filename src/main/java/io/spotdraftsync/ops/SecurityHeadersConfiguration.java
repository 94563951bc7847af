package io.spotdraftsync.ops;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** {@link SecurityHeadersFilter} on every path of {@code serve}, first of all filters. */
@Configuration(proxyBeanMethods = false)
public class SecurityHeadersConfiguration {

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeaders() {
        FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
        registration.setName("securityHeaders");
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        // before the token filters (HIGHEST_PRECEDENCE + 10): their 401s carry the headers too
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
