package io.spotdraftsync.ops;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Secrets stay masked in Actuator's {@code env}, {@code configprops} and {@code quartz} endpoints even when an operator
 * sets {@code management.endpoint.*.show-values=always} to see the other values (Spring Boot then shows everything
 * that no sanitizing function masks): credentials by name (ending in password, secret, key, token or passphrase, or
 * containing credentials: {@code spotdraft.client-secret}, {@code sync.admin.token}, {@code sync.webhook.hmac-key},
 * {@code SPRING_DATASOURCE_PASSWORD}, {@code aws.secretAccessKey}, ...), the password part of URIs, the JVM's
 * command line, which holds any {@code --name=value} given to the jar, and the JVM option variables
 * {@code JAVA_TOOL_OPTIONS} and {@code JDK_JAVA_OPTIONS} (the Helm chart's {@code jvm.extraOptions} ends up there: a
 * {@code -D} with a secret in it would show whole).
 */
@Configuration(proxyBeanMethods = false)
public class ActuatorSanitizing {

    @Bean
    SanitizingFunction secretsAreMasked() {
        return SanitizingFunction.sanitizeValue()
                .ifLikelySensitive()
                .ifKeyEndsWith("passphrase")
                .ifKeyEquals("sun.java.command", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
    }
}
