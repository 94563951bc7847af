package io.spotdraftsync.ops;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.spotdraftsync.cli.ServeApplication;
import io.spotdraftsync.cli.SpringLauncher;
import io.spotdraftsync.sandbox.EmbeddedSandbox;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The real {@code serve} context (web server on a free port, embedded sandbox unless a workspace is configured),
 * with its job repository, warehouse and documents in a directory of the test's.
 */
final class ServeContext {

    private final Map<String, Object> properties = new LinkedHashMap<>();

    private ServeContext(Path work) {
        properties.put("server.port", 0);
        properties.put("spring.datasource.url", "jdbc:h2:file:" + work.resolve("jobs").toAbsolutePath() + ";AUTO_SERVER=TRUE");
        properties.put("sync.warehouse.url", "jdbc:duckdb:" + work.resolve("warehouse.duckdb").toAbsolutePath());
        properties.put("sync.documents.location", "file:" + work.resolve("documents").toAbsolutePath());
        properties.put("sync.documents.temp-dir", work.resolve("tmp").toAbsolutePath().toString());
        properties.put("sync.export.progress-interval", "60s");
        properties.put("sync.embedded-sandbox.contracts", 60);
        properties.put("sync.admin.token-file", work.resolve("data").resolve("admin-token").toAbsolutePath().toString());
        // the tests start their own runs: no first export of the empty warehouse at start (ScheduleInitialExportTest)
        properties.put("sync.schedule.initial-export", false);
    }

    static ServeContext in(Path work) {
        return new ServeContext(work);
    }

    ServeContext with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    ServeContext without(String name) {
        properties.remove(name);
        return this;
    }

    String[] arguments() {
        List<String> arguments = new ArrayList<>();
        properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return arguments.toArray(String[]::new);
    }

    ConfigurableApplicationContext start() {
        return SpringLauncher.start(ServeApplication.class, WebApplicationType.SERVLET, arguments(), Map.of(), new EmbeddedSandbox());
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /**
     * Closes the context (when it started) and deletes its directory. Not a {@code @TempDir}: H2 and DuckDB may still be
     * letting go of their files just after the context closed, so the deletion is retried.
     */
    static void closeAndDelete(ConfigurableApplicationContext context, Path work) {
        if (context != null) {
            context.close();
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            FileSystemUtils.deleteRecursively(work);
            return !Files.exists(work);
        });
    }
}
