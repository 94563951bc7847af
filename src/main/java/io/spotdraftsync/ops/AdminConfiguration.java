package io.spotdraftsync.ops;

import org.springframework.context.annotation.Configuration;

/** The authenticated admin API ({@code /api}) of {@code serve}. */
@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {
}
