package io.spotdraftsync.sandbox;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Spring context of the standalone {@code sandbox} command: one sandbox built from {@code sandbox.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SandboxProperties.class)
public class SandboxConfiguration {

    @Bean(destroyMethod = "close")
    public SpotDraftSandbox spotDraftSandbox(SandboxProperties properties) {
        return SpotDraftSandbox.start(properties.toSettings());
    }
}
