package io.spotdraftsync.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import io.spotdraftsync.check.CheckReport;
import io.spotdraftsync.check.CheckResult;
import io.spotdraftsync.check.Checks;
import io.spotdraftsync.documents.DocumentProperties;
import io.spotdraftsync.sandbox.EmbeddedSandbox;
import io.spotdraftsync.spotdraft.SpotDraftProperties;
import io.spotdraftsync.warehouse.WarehouseProperties;
import io.spotdraftsync.webhook.WebhookProperties;
import io.spotdraftsync.workspace.WorkspacesProperties;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code check [--workspace NAME] [--webhook-url URL]}: every connection a run will use, one line each; exit 0 when all pass. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {
            "Try every connection the jobs will use, with the smallest real operation of each, and print one line per",
            "check (ok, or FAILED: what to do). SpotDraft: the API host resolves, the credentials are accepted (one list",
            "call with limit=1), contract types and organization entities are readable, the webhook HMAC key when webhooks",
            "are configured. Warehouse: connect, schema, migrations, a scratch table created, loaded through the real load",
            "plan and dropped. Documents: a scratch object written once, read back, compared and deleted. Job repository",
            "and (spotdraft.rate-limit.store=postgres) the shared budget: connect, tables exist or can be created.",
            "Exit 0 only when every check passed. Never prints a secret."
        })
public class CheckCommand implements Callable<Integer> {

    @ParentCommand
    SyncCommandLine root;

    @Spec
    CommandSpec spec;

    @Option(names = "--workspace", paramLabel = "NAME",
            description = "The workspace to check (a name under sync.workspaces); default: every configured workspace.")
    String workspace;

    @Option(names = "--webhook-url", paramLabel = "URL",
            description = "Also send a signed test delivery to this receiver URL (https://HOST/webhooks/spotdraft/<workspace>) and require 2xx.")
    String webhookUrl;

    /** The settings only: each check builds its own connection, so that a broken one is a line, not a failed start. */
    @SpringBootConfiguration
    @ImportAutoConfiguration(DataSourceAutoConfiguration.class)
    @EnableConfigurationProperties({SpotDraftProperties.class, WorkspacesProperties.class, WarehouseProperties.class,
            DocumentProperties.class, WebhookProperties.class})
    static class Settings {
    }

    @Override
    public Integer call() {
        URI receiver = receiverUrl();
        PrintWriter out = spec.commandLine().getOut();
        ConfigurableApplicationContext context;
        try {
            context = SpringLauncher.start(Settings.class, WebApplicationType.NONE, root.springArguments(), Map.of(),
                    new EmbeddedSandbox());
        } catch (RuntimeException invalid) {
            // a setting that does not even bind (an unknown region, an invalid key) is the first failed check
            List<CheckResult> failed = List.of(CheckResult.failed(CheckResult.SHARED, "configuration", "settings bind",
                    SyncCommandLine.StartupFailures.describe(invalid)));
            print(out, failed, List.of());
            return 1;
        }
        try (context) {
            var environment = context.getEnvironment();
            Checks checks = new Checks(new Checks.Settings(context.getBean(SpotDraftProperties.class),
                    context.getBean(WorkspacesProperties.class), context.getBean(WarehouseProperties.class),
                    context.getBean(DocumentProperties.class), context.getBean(WebhookProperties.class),
                    context.getBean(DataSource.class), environment.getProperty("spring.datasource.url"),
                    environment.getProperty("spring.datasource.password")));
            List<CheckResult> results = checks.run(workspace, receiver);
            print(out, results, checks.secrets());
            return CheckReport.allPassed(results) ? 0 : 1;
        }
    }

    private static void print(PrintWriter out, List<CheckResult> results, java.util.Collection<String> secrets) {
        CheckReport.lines(results, secrets).forEach(out::println);
        out.println(CheckReport.summary(results));
        out.flush();
    }

    private URI receiverUrl() {
        if (webhookUrl == null) {
            return null;
        }
        try {
            URI receiver = new URI(webhookUrl.trim());
            String scheme = receiver.getScheme() == null ? "" : receiver.getScheme().toLowerCase(Locale.ROOT);
            if (receiver.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--webhook-url must be an absolute https:// URL, was '" + webhookUrl + "'");
            }
            return receiver;
        } catch (URISyntaxException malformed) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--webhook-url is not a valid URL: " + malformed.getMessage());
        }
    }
}
