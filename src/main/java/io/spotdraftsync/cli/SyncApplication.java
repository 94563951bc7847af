package io.spotdraftsync.cli;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The Spring context of the one-shot job commands ({@code export}, {@code reconcile}, {@code import}): the
 * jobs and nothing that runs on its own (no scheduler, no web server; those belong to {@code serve}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
    "org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration",
    "org.springframework.boot.quartz.autoconfigure.QuartzEndpointAutoConfiguration"})
@Import(SyncStack.class)
public class SyncApplication {
}
