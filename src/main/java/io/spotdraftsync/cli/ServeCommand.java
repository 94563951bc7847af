package io.spotdraftsync.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.spotdraftsync.sandbox.EmbeddedSandbox;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code serve}: the long-running process (web server, webhook worker, schedules) until it is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Run the webhook receiver (POST /webhooks/spotdraft), the admin API (/api), Actuator (/actuator),",
            "the webhook worker and the schedules of jobs/ in one process, until stopped (SIGTERM or Ctrl-C).",
            "With no SpotDraft workspace configured, it also runs the embedded sandbox, changing a few contracts",
            "a minute and sending its webhooks here, so that live syncing can be watched."
        })
public class ServeCommand implements Callable<Integer> {

    @ParentCommand
    SyncCommandLine root;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (server.port; default 8080).")
    Integer port;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("server.port", port);
        CountDownLatch closed = new CountDownLatch(1);
        ConfigurableApplicationContext context = SpringLauncher.start(ServeApplication.class, WebApplicationType.SERVLET,
                root.springArguments(), options, EmbeddedSandbox.forServe(),
                (org.springframework.context.ApplicationListener<ContextClosedEvent>) event -> closed.countDown());
        if (context.isActive()) {
            closed.await();
        }
        return 0;
    }
}
