package io.spotdraftsync.check;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.spotdraftsync.spotdraft.ContractFilter;
import io.spotdraftsync.spotdraft.SpotDraftApiException;
import io.spotdraftsync.spotdraft.SpotDraftAuthenticationException;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.SpotDraftException;
import io.spotdraftsync.webhook.WebhookSignature;
import io.spotdraftsync.workspace.Workspace;

/**
 * The SpotDraft workspace: its API host resolves, its credentials are accepted (one list call with {@code limit=1},
 * which also counts the contracts), its contract types and organization entities can be read, and, when webhooks are
 * configured, its webhook HMAC key. Each failure names the property to fix; none prints a secret.
 */
public final class SpotDraftCheck {

    static final String CONNECTION = "spotdraft";

    /**
     * What the check found.
     *
     * @param hmacKey the workspace's webhook key (base64) when it was asked for and could be had; a secret
     */
    public record Outcome(List<CheckResult> results, Optional<String> hmacKey) {
    }

    private final Workspace workspace;
    private final List<String> configuredKeys;
    private final String configuredKeyProperty;
    private final boolean webhooks;

    /**
     * @param configuredKeys        the workspace's configured webhook keys (base64), empty when the receiver fetches it
     * @param configuredKeyProperty where they are configured, for messages
     * @param webhooks              whether webhooks are in use (a key is configured, or a webhook URL is to be tried)
     */
    public SpotDraftCheck(Workspace workspace, List<String> configuredKeys, String configuredKeyProperty, boolean webhooks) {
        this.workspace = workspace;
        this.configuredKeys = List.copyOf(configuredKeys);
        this.configuredKeyProperty = configuredKeyProperty;
        this.webhooks = webhooks;
    }

    public Outcome run() {
        List<CheckResult> results = new ArrayList<>();
        String scope = workspace.name();
        SpotDraftClient client = workspace.client();
        URI baseUrl = client.baseUrl();
        String endpointProperty = workspace.settings().baseUrl() != null ? workspace.property() + ".base-url"
                : workspace.property() + ".region";
        String host = baseUrl.getHost();
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            results.add(CheckResult.ok(scope, CONNECTION, "API host " + host + " resolves (" + addresses[0].getHostAddress() + ")"));
        } catch (UnknownHostException unknown) {
            results.add(CheckResult.failed(scope, CONNECTION, "API host " + host + " resolves",
                    "no address for " + host + ": set " + endpointProperty + " to the workspace's region (in, us, me, eu) "
                            + "or API host (https://api.<region>.spotdraft.com), and check this network's DNS"));
            return new Outcome(results, Optional.empty());
        }
        try {
            long contracts = client.countContracts(ContractFilter.none());
            results.add(CheckResult.ok(scope, CONNECTION, String.format(Locale.ROOT, "credentials accepted (%,d contracts)", contracts)));
        } catch (SpotDraftException failure) {
            results.add(CheckResult.failed(scope, CONNECTION, "credentials accepted", credentialsFix(failure, endpointProperty, baseUrl)));
            return new Outcome(results, Optional.empty());
        }
        try {
            int types = client.contractTypes().size();
            results.add(CheckResult.ok(scope, CONNECTION, "contract types readable (" + types + ")"));
        } catch (SpotDraftException failure) {
            results.add(CheckResult.failed(scope, CONNECTION, "contract types readable", readFix(failure, "contract types")));
        }
        try {
            int entities = client.organizationEntities().size();
            results.add(CheckResult.ok(scope, CONNECTION, "organization entities readable (" + entities + ")"));
        } catch (SpotDraftException failure) {
            results.add(CheckResult.failed(scope, CONNECTION, "organization entities readable", readFix(failure, "organization entities")));
        }
        Optional<String> key = Optional.empty();
        if (!configuredKeys.isEmpty()) {
            try {
                configuredKeys.forEach(WebhookSignature::fromBase64Key);
                results.add(CheckResult.ok(scope, CONNECTION, "webhook HMAC key configured (" + configuredKeyProperty + ")"));
                key = Optional.of(configuredKeys.get(0));
            } catch (IllegalArgumentException invalid) {
                results.add(CheckResult.failed(scope, CONNECTION, "webhook HMAC key configured",
                        configuredKeyProperty + " is not the base64 key SpotDraft serves: " + invalid.getMessage()));
            }
        } else if (webhooks) {
            try {
                String fetched = client.webhookHmacKey();
                WebhookSignature.fromBase64Key(fetched);
                results.add(CheckResult.ok(scope, CONNECTION, "webhook HMAC key readable"));
                key = Optional.of(fetched);
            } catch (SpotDraftException | IllegalArgumentException failure) {
                results.add(CheckResult.failed(scope, CONNECTION, "webhook HMAC key readable",
                        "the receiver fetches the key from GET /api/v2.1/public/webhooks/hmac_key/, which failed ("
                                + describe(failure) + "): give the API credentials access to webhooks, or set "
                                + configuredKeyProperty + " to the key shown in SpotDraft's webhook settings"));
            }
        }
        return new Outcome(results, key);
    }

    private String credentialsFix(SpotDraftException failure, String endpointProperty, URI baseUrl) {
        String env = workspace.property().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        if (failure instanceof SpotDraftAuthenticationException) {
            return "SpotDraft refused the credentials (" + describe(failure) + "): set " + workspace.property() + ".client-id and "
                    + workspace.property() + ".client-secret (" + env + "_CLIENT_ID, " + env + "_CLIENT_SECRET) to the API "
                    + "credentials of this workspace (UAT and production have different ones; check the region too: "
                    + endpointProperty + ")";
        }
        if (failure instanceof SpotDraftApiException api && api.status() == 403) {
            return "SpotDraft accepted the credentials but forbids listing contracts (403): give the API credentials' user "
                    + "access to contracts, or set " + workspace.property() + ".user-email to an active workspace user";
        }
        if (failure instanceof SpotDraftApiException api && (api.status() == 404 || api.status() == 302)) {
            return "no SpotDraft API at " + baseUrl + " (" + describe(failure) + "): set " + endpointProperty
                    + " to the workspace's region or API host (paths start with /api/)";
        }
        return "SpotDraft at " + baseUrl + " did not answer the contract list (" + describe(failure) + "): check "
                + endpointProperty + " and that this network reaches it (egress, proxy, TLS)";
    }

    private String readFix(SpotDraftException failure, String what) {
        if (failure instanceof SpotDraftApiException api && (api.status() == 401 || api.status() == 403)) {
            return "the API credentials may not read " + what + " (" + describe(failure) + "), which every export reads: "
                    + "give their user access, or set " + workspace.property() + ".user-email to a user who has it";
        }
        return "reading " + what + " failed (" + describe(failure) + ")";
    }

    private static String describe(Exception failure) {
        if (failure instanceof SpotDraftApiException api) {
            return "HTTP " + api.status() + (api.code() == null ? "" : " " + api.code());
        }
        return failure.getMessage();
    }
}
