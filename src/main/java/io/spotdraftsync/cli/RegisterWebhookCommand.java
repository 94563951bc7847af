package io.spotdraftsync.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.workspace.Workspace;
import io.spotdraftsync.workspace.Workspaces;
import io.spotdraftsync.workspace.WorkspacesConfiguration;
import io.spotdraftsync.spotdraft.model.WebhookRegistration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code register-webhook --url https://...}: subscribes our receiver to the workspace's contract activities. */
@Command(name = "register-webhook", mixinStandardHelpOptions = true,
        description = {
            "Register this deployment's webhook receiver with the configured SpotDraft workspace and print its id.",
            "The URL is where SpotDraft can reach `serve`, ending in /webhooks/spotdraft (HTTPS: SpotDraft requires it).",
            "Needs the SpotDraft connection settings (spotdraft.region or spotdraft.base-url, client id and secret)."
        })
public class RegisterWebhookCommand implements Callable<Integer> {

    @ParentCommand
    SyncCommandLine root;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The receiver's public URL.")
    String url;

    @Option(names = "--activities", split = ",", paramLabel = "ACTIVITY",
            description = "Activities to receive, comma-separated (default: every activity that changes synced data).")
    List<String> activities;

    @Option(names = "--title", paramLabel = "TITLE", description = "The webhook's title in SpotDraft (default: spotdraft-sync <workspace>).")
    String title;

    @Option(names = "--allow-http", description = "Accept a plain http:// URL (a local sandbox; SpotDraft itself refuses it).")
    boolean allowHttp;

    @picocli.CommandLine.Mixin
    WorkspaceOption workspace;

    /**
     * Only the workspaces' clients: registering a webhook needs no warehouse, job repository or document store. The
     * job-repository DataSource is declared (it connects only when used) for a budget kept there
     * ({@code spotdraft.rate-limit.store=postgres}).
     */
    @SpringBootConfiguration
    @Import(WorkspacesConfiguration.class)
    @ImportAutoConfiguration(DataSourceAutoConfiguration.class)
    static class ClientOnly {
    }

    @Override
    public Integer call() throws Exception {
        URI receiver = receiverUrl();
        List<String> wanted = activities == null || activities.isEmpty() ? WebhookRegistration.SYNC_ACTIVITIES
                : activities.stream().map(String::trim).filter(name -> !name.isEmpty())
                        .map(name -> name.toUpperCase(Locale.ROOT)).toList();
        try (ConfigurableApplicationContext context = SpringLauncher.start(ClientOnly.class, WebApplicationType.NONE,
                root.springArguments(), Map.of())) {
            Workspaces workspaces = context.getBean(Workspaces.class);
            Workspace target = workspace.single(workspaces, "export");
            warnOnUnexpectedPath(receiver, target.name(), workspaces.names().size() > 1);
            SpotDraftClient client = target.client();
            WebhookRegistration.Created created = client.registerWebhook(new WebhookRegistration.Request(
                    title != null ? title : "spotdraft-sync " + client.workspace(), receiver.toString(),
                    new ArrayList<>(wanted), Map.of()));
            var out = spec.commandLine().getOut();
            out.printf("Registered webhook %d for %s (%d activities, status %s)%n", created.id(), created.url(),
                    wanted.size(), created.status());
            out.printf("webhook id: %d%n", created.id());
            out.flush();
            return 0;
        }
    }

    private void warnOnUnexpectedPath(URI receiver, String workspaceName, boolean several) {
        String own = "/webhooks/spotdraft/" + workspaceName;
        boolean expected = receiver.getPath().endsWith(own) || (!several && receiver.getPath().endsWith("/webhooks/spotdraft"));
        if (!expected) {
            spec.commandLine().getErr().println("warning: serve receives the webhooks of workspace " + workspaceName
                    + " on " + own + (several ? "" : " (or /webhooks/spotdraft)") + "; " + url
                    + " has another path (fine behind a proxy that rewrites it)");
        }
    }

    private URI receiverUrl() {
        try {
            URI receiver = new URI(url.trim());
            String scheme = receiver.getScheme() == null ? "" : receiver.getScheme().toLowerCase(Locale.ROOT);
            if (receiver.getHost() == null || !(scheme.equals("https") || (allowHttp && scheme.equals("http")))) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--url must be an absolute https:// URL (SpotDraft delivers webhooks over HTTPS only), was '" + url + "'");
            }
            return receiver;
        } catch (URISyntaxException malformed) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--url is not a valid URL: " + malformed.getMessage());
        }
    }
}
