package io.spotdraftsync.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the Spring context of one subcommand.
 *
 * <p>Options that the user typed on the subcommand become properties of the highest precedence, above
 * environment variables and {@code --name=value} overrides, because they are the most specific thing
 * the user said. Options left out are not set at all, so the defaults of the configuration classes
 * (and environment variables) still apply.
 */
public final class SpringLauncher {

    public static final String OPTIONS_SOURCE = "subcommandOptions";

    private SpringLauncher() {
    }

    public static ConfigurableApplicationContext start(Class<?> configuration, WebApplicationType webType,
            String[] springArguments, Map<String, ?> subcommandOptions, ApplicationListener<?>... listeners) {
        Map<String, Object> given = new LinkedHashMap<>();
        subcommandOptions.forEach((name, value) -> {
            if (value != null) {
                given.put(name, value);
            }
        });
        SpringApplicationBuilder builder = new SpringApplicationBuilder(configuration)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .web(Objects.requireNonNull(webType))
                .listeners(new OptionsFirst(given))
                .listeners(listeners);
        return builder.run(springArguments);
    }

    /** Adds the options as soon as the environment exists, before any other listener looks at it. */
    @Order(Ordered.HIGHEST_PRECEDENCE)
    private static final class OptionsFirst implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
        private final Map<String, Object> options;

        OptionsFirst(Map<String, Object> options) {
            this.options = options;
        }

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            event.getEnvironment().getPropertySources().addFirst(new MapPropertySource(OPTIONS_SOURCE, options));
        }
    }
}
